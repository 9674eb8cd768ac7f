import JobDescriptions
import Testing

@Suite("xRSL data staging")
struct XRSLStagingTests {
    private func remote(_ file: InputFile?) -> [DataLocation] {
        guard case .remote(let locations) = file?.source else { return [] }
        return locations
    }

    @Test("inputs: submitter uploads, local paths and remote URLs")
    func inputs() throws {
        let job = try acceptedJob(#"&(executable=x)(inputfiles=("a" "") ("b" "local.txt") ("c" "/abs/c") ("d" "file:///x/d") ("e" "https://h.org/e"))"#)
        #expect(job.inputFiles.map(\.source) == [
            .submitter(path: ""), .submitter(path: "local.txt"), .submitter(path: "/abs/c"), .submitter(path: "/x/d"),
            .remote([DataLocation(scheme: "https", host: "h.org", path: "/e")]),
        ])
        #expect(CanonicalJob(job).job.inputFiles.count == 5)
    }

    @Test("inputs need a name and a source")
    func shortInputs() {
        #expect(rejection(#"&(executable=x)(inputfiles=("helloworld.sh")("random.dat"))"#).mention("at least two values"))
        #expect(rejection(#"&(executable=x)(inputfiles=("" "http://h/x"))"#).mention("empty file name"))
    }

    @Test("extra elements are URL options; location= adds replicas with their own options")
    func options() throws {
        let job = try acceptedJob(#"&(executable=x)(outputfiles=("o" "lfc://example.com/in1" "checksum=md5" "location=gsiftp://example.com/in1" "threads=5" "location=gsiftp://example2.com/in1" "threads=10"))"#)
        let target = try #require(job.outputFiles.first?.targets.first)
        #expect(target.location.description
            == "lfc://gsiftp://example.com:2811;threads=5/in1|gsiftp://example2.com:2811;threads=10/in1@example.com:5010;checksum=md5/in1")
        #expect(rejection(#"&(executable=x)(inputfiles=("a" "http://h/a" "cache"))"#).mention("name=value"))
    }

    @Test("executables mark inputs; naming a file that is not an input is an error")
    func executables() throws {
        let job = try acceptedJob(#"&(executable=x)(executables=b)(inputfiles=("a" "") ("b" ""))"#)
        #expect(job.inputFiles.map(\.executable) == [false, true])
        #expect(rejection(#"&(executable=x)(executables=c)(inputfiles=("a" ""))"#).mention("not in 'inputfiles'"))
    }

    @Test("cache goes onto remote non-executable inputs, ftpthreads onto every transfer")
    func cacheAndThreads() throws {
        let job = try acceptedJob(#"&(executable=x)(cache=yes)(ftpthreads=4)(executables=b)(inputfiles=("a" "gsiftp://h/a") ("b" "gsiftp://h/b"))(outputfiles=("o" "gsiftp://h/o"))"#)
        #expect(remote(job.inputFiles[0]).first?.options == ["cache": "yes", "threads": "4"])
        #expect(remote(job.inputFiles[1]).first?.options == ["threads": "4"])
        #expect(job.outputFiles[0].targets.first?.location.options == ["threads": "4"])
        #expect(rejection("&(executable=x)(ftpthreads=11)").mention("from 1 to 10"))
    }

    @Test("server-side sources may be size.checksum")
    func serverSizes() throws {
        let job = try acceptedJob(#"&(executable=x)(inputfiles=("a" "279320") ("b" "8807.123456"))"#, dialect: .server)
        #expect(job.inputFiles.map(\.size) == [279_320, 8807])
        #expect(job.inputFiles.map(\.checksum) == [nil, "123456"])
        #expect(job.inputFiles.allSatisfy { $0.source == .submitter(path: "") })
    }

    @Test("outputs: kept, uploaded, and local targets kept with a warning")
    func outputs() throws {
        let report = analyse(#"&(executable=x)(outputfiles=("k" "") ("u" "https://h/u") ("l" "download.txt") ("@list" "") ("dir/" ""))"#)
        #expect(report.isAccepted)
        let job = try #require(report.jobs.first?.job)
        #expect(job.outputFiles.map(\.targets.count) == [0, 1, 0, 0, 0])
        #expect(report.warnings.mention("local path"))
    }

    @Test("strings that are not locations are refused")
    func badLocations() {
        let errors = rejection(#"&(executable="/bin/true")(inputfiles=("a" "javascript:alert(1)") ("c" "data:text/plain;base64,SGVsbG8=") ("p" "http://h:99999/x"))"#)
        #expect(errors.mention("'javascript:alert(1)' is not a location"))
        #expect(errors.mention("data:text/plain"))
        #expect(errors.mention("invalid port"))
    }
}

@Suite("xRSL input checksums")
struct XRSLChecksumTests {
    @Test("a checksum=algorithm:value option is the input's expected checksum, not a transfer option")
    func checksumOption() throws {
        let job = try acceptedJob(#"&(executable=x)(inputfiles=("a" "https://h/a" "checksum=sha256:abcd" "cache=no"))"#)
        #expect(job.inputFiles.first?.checksum == "sha256:abcd")
        guard case .remote(let locations) = job.inputFiles.first?.source else {
            Issue.record("expected a remote source")
            return
        }
        #expect(locations.first?.options == ["cache": "no"])
    }
}
