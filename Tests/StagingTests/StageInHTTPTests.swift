import Foundation
import Staging
import Testing

@Suite("stage-in over HTTP")
struct StageInHTTPTests {
    private let data = TestServer.files["data.bin"] ?? []

    @Test("a download is verified with each checksum algorithm", arguments: ChecksumAlgorithm.allCases)
    func checksums(algorithm: ChecksumAlgorithm) async throws {
        try await StagingHarness.run { harness in
            let checksum = ExpectedChecksum.of(data, algorithm)
            let staged = try await harness.stager().stageIn(
                [InputRequest(name: "data.bin", source: .http(harness.server.url("/files/data.bin")), checksum: checksum)],
                into: harness.session)
            #expect(staged.map(\.name) == ["data.bin"])
            #expect(staged.first?.bytes == Int64(data.count))
            #expect(staged.first?.checksum == checksum)
            #expect(staged.first?.attempts == 1)
            #expect(harness.sessionFile("data.bin") == data)
            #expect(harness.sessionEntries == ["data.bin"])
        }
    }

    @Test("a download arrives whole and alone under its name, fsync'd or not", arguments: [false, true])
    func syncToDisk(_ syncToDisk: Bool) async throws {
        try await StagingHarness.run { harness in
            let staged = try await harness.stager { $0.syncInputsToDisk = syncToDisk }.stageIn(
                [InputRequest(name: "data.bin", source: .http(harness.server.url("/files/data.bin")))],
                into: harness.session)
            #expect(staged.first?.bytes == Int64(data.count))
            #expect(harness.sessionFile("data.bin") == data)
            #expect(harness.sessionEntries == ["data.bin"])
        }
    }

    @Test("inputs are not fsync'd unless the configuration asks for it")
    func syncIsOffByDefault() {
        #expect(!StagingConfiguration().syncInputsToDisk)
    }

    @Test("404 fails at once, permanently, with the status and the URL")
    func notFound() async throws {
        try await StagingHarness.run { harness in
            let url = harness.server.url("/status/404")
            let error = await #expect(throws: StagingError.self) {
                try await harness.stager().stageIn([InputRequest(name: "in.dat", source: .http(url))],
                                                   into: harness.session)
            }
            #expect(error?.kind == .notFound)
            #expect(error?.httpStatus == 404)
            #expect(error?.attempts == 1)
            #expect(error?.isTransient == false)
            #expect(error?.description == "input 'in.dat' from \(url.absoluteString): not found (HTTP 404)")
            #expect(harness.sessionEntries.isEmpty)
        }
    }

    @Test("other 4xx statuses are permanent too")
    func forbidden() async throws {
        try await StagingHarness.run { harness in
            let error = await #expect(throws: StagingError.self) {
                try await harness.stager().stageIn(
                    [InputRequest(name: "in.dat", source: .http(harness.server.url("/status/403")))], into: harness.session)
            }
            #expect(error?.kind == .httpStatus)
            #expect(error?.httpStatus == 403)
            #expect(error?.attempts == 1)
        }
    }

    @Test("a 500 is retried and the second attempt succeeds")
    func retryAfterServerError() async throws {
        try await StagingHarness.run { harness in
            let staged = try await harness.stager().stageIn(
                [InputRequest(name: "data.bin", source: .http(harness.server.url("/flaky/once/1")))],
                into: harness.session)
            #expect(staged.first?.attempts == 2)
            #expect(await harness.server.state.count("flaky/once") == 2)
            #expect(harness.sessionFile("data.bin") == data)
        }
    }

    @Test("a server that keeps failing uses up the attempts; the error stays transient")
    func retriesExhausted() async throws {
        try await StagingHarness.run { harness in
            let error = await #expect(throws: StagingError.self) {
                try await harness.stager().stageIn(
                    [InputRequest(name: "data.bin", source: .http(harness.server.url("/flaky/always/99")))],
                    into: harness.session)
            }
            #expect(error?.kind == .httpStatus)
            #expect(error?.httpStatus == 500)
            #expect(error?.attempts == 3)
            #expect(error?.isTransient == true)
            #expect(error?.description.hasSuffix("the server answered HTTP 500 (after 3 attempts)") == true)
            #expect(await harness.server.state.count("flaky/always") == 3)
        }
    }

    @Test("429 is retried after the server's Retry-After, not the much shorter backoff")
    func retryAfterHeader() async throws {
        try await StagingHarness.run { harness in
            let clock = ContinuousClock()
            let start = clock.now
            let staged = try await harness.stager().stageIn(
                [InputRequest(name: "hello.txt", source: .http(harness.server.url("/busy/one")))], into: harness.session)
            #expect(clock.now - start >= .milliseconds(950))
            #expect(staged.first?.attempts == 2)
            #expect(harness.sessionFile("hello.txt") == TestServer.files["hello.txt"])
        }
    }

    @Test("a checksum mismatch leaves neither the file nor its partial copy")
    func checksumMismatch() async throws {
        try await StagingHarness.run { harness in
            let wrong = try #require(Checksum(parsing: "sha256:" + String(repeating: "0", count: 64)))
            let url = harness.server.url("/files/data.bin")
            let error = await #expect(throws: StagingError.self) {
                try await harness.stager().stageIn([InputRequest(name: "data.bin", source: .http(url), checksum: wrong)],
                                                   into: harness.session)
            }
            let actual = ExpectedChecksum.of(data, .sha256).hexValue
            #expect(error?.kind == .checksumMismatch)
            #expect(error?.attempts == 1)
            #expect(error?.description == "input 'data.bin' from \(url.absoluteString): checksum mismatch, sha256 expected "
                + wrong.hexValue + ", got " + actual)
            #expect(harness.sessionEntries.isEmpty)
        }
    }

    @Test("an announced Content-Length over the cap fails before any byte is written")
    func tooLargeByContentLength() async throws {
        try await StagingHarness.run { harness in
            let progress = ProgressLog()
            let error = await #expect(throws: StagingError.self) {
                try await harness.stager().stageIn(
                    [InputRequest(name: "big", source: .http(harness.server.url("/big/1000000")), maxBytes: 100_000)],
                    into: harness.session, progress: progress.handler)
            }
            #expect(error?.kind == .tooLarge)
            #expect(error?.attempts == 1)
            #expect(error?.description.hasSuffix("larger than the limit of 100000 bytes") == true)
            #expect(progress.events.isEmpty)
            #expect(harness.sessionEntries.isEmpty)
        }
    }

    @Test("a body without Content-Length is stopped by the running count at the cap")
    func tooLargeStreamed() async throws {
        try await StagingHarness.run { harness in
            let progress = ProgressLog()
            let error = await #expect(throws: StagingError.self) {
                try await harness.stager().stageIn(
                    [InputRequest(name: "big", source: .http(harness.server.url("/big-chunked/1000000")),
                                  maxBytes: 100_000)],
                    into: harness.session, progress: progress.handler)
            }
            #expect(error?.kind == .tooLarge)
            #expect(progress.events.allSatisfy { $0.bytes <= 100_000 && $0.totalBytes == nil })
            #expect(harness.sessionEntries.isEmpty)
        }
    }

    @Test("the site-wide cap applies when the request sets none")
    func siteCap() async throws {
        try await StagingHarness.run { harness in
            let error = await #expect(throws: StagingError.self) {
                try await harness.stager { $0.maxFileBytes = 1_000 }.stageIn(
                    [InputRequest(name: "data.bin", source: .http(harness.server.url("/files/data.bin")))],
                    into: harness.session)
            }
            #expect(error?.kind == .tooLarge)
            #expect(error?.description.hasSuffix("larger than the limit of 1000 bytes") == true)
        }
    }

    @Test("redirects are followed up to the limit")
    func redirectsWithinLimit() async throws {
        try await StagingHarness.run { harness in
            // /redirect/4 answers 302 five times in all.
            let staged = try await harness.stager().stageIn(
                [InputRequest(name: "data.bin", source: .http(harness.server.url("/redirect/4")))], into: harness.session)
            #expect(staged.first?.attempts == 1)
            #expect(harness.sessionFile("data.bin") == data)
        }
    }

    @Test("one redirect more than the limit fails permanently")
    func redirectsBeyondLimit() async throws {
        try await StagingHarness.run { harness in
            let error = await #expect(throws: StagingError.self) {
                try await harness.stager().stageIn(
                    [InputRequest(name: "data.bin", source: .http(harness.server.url("/redirect/5")))],
                    into: harness.session)
            }
            #expect(error?.kind == .tooManyRedirects)
            #expect(error?.attempts == 1)
            #expect(error?.description.hasSuffix("more than 5 redirects") == true)
            #expect(harness.sessionEntries.isEmpty)
        }
    }

    @Test("a server that does not answer in time hits the request deadline")
    func requestTimeout() async throws {
        try await StagingHarness.run { harness in
            let error = await #expect(throws: StagingError.self) {
                try await harness.stager {
                    $0.requestTimeout = .seconds(1)
                    $0.retry.maxAttempts = 1
                }.stageIn([InputRequest(name: "slow", source: .http(harness.server.url("/slow")))], into: harness.session)
            }
            #expect(error?.kind == .timeout)
            #expect(error?.isTransient == true)
            #expect(harness.sessionEntries.isEmpty)
        }
    }

    @Test("a body that stalls hits the idle timeout on every attempt and leaves no partial file")
    func idleTimeout() async throws {
        try await StagingHarness.run { harness in
            let error = await #expect(throws: StagingError.self) {
                try await harness.stager {
                    $0.idleTimeout = .milliseconds(500)
                    $0.retry.maxAttempts = 2
                }.stageIn([InputRequest(name: "stall", source: .http(harness.server.url("/stall")))],
                          into: harness.session)
            }
            #expect(error?.kind == .timeout)
            #expect(error?.attempts == 2)
            #expect(error?.description.contains("no data moved for 500ms") == true)
            #expect(harness.sessionEntries.isEmpty)
        }
    }

    @Test("a refused connection is a transient network error, retried")
    func connectionRefused() async throws {
        try await StagingHarness.run { harness in
            // Port 1 on loopback refuses at once (AsyncHTTPClient keeps trying until its connect timeout).
            let url = try #require(URL(string: "http://127.0.0.1:1/nothing"))
            let error = await #expect(throws: StagingError.self) {
                try await harness.stager { $0.retry.maxAttempts = 2 }.stageIn(
                    [InputRequest(name: "x", source: .http(url))], into: harness.session)
            }
            #expect(error?.kind == .network)
            #expect(error?.isTransient == true)
            #expect(error?.attempts == 2)
        }
    }

    @Test("progress grows to the file's size, with the total known")
    func progress() async throws {
        try await StagingHarness.run { harness in
            let progress = ProgressLog()
            _ = try await harness.stager().stageIn(
                [InputRequest(name: "data.bin", source: .http(harness.server.url("/files/data.bin")))],
                into: harness.session, progress: progress.handler)
            let bytes = progress.events.map(\.bytes)
            #expect(!bytes.isEmpty)
            #expect(bytes == bytes.sorted())
            #expect(bytes.last == Int64(data.count))
            #expect(progress.events.allSatisfy { $0.totalBytes == Int64(data.count) && $0.name == "data.bin" })
        }
    }

    @Test("sub-directories are created and the executable bit is set when asked")
    func subdirectoriesAndMode() async throws {
        try await StagingHarness.run { harness in
            let url = harness.server.url("/files/hello.txt")
            let staged = try await harness.stager().stageIn([
                InputRequest(name: "bin/tools/run.sh", source: .http(url), executable: true),
                InputRequest(name: "./docs/readme.txt", source: .http(url)),
            ], into: harness.session)
            #expect(staged.map(\.path) == [harness.session + "/bin/tools/run.sh", harness.session + "/docs/readme.txt"])
            #expect(try mode(harness.session + "/bin/tools/run.sh") == 0o755)
            #expect(try mode(harness.session + "/docs/readme.txt") == 0o644)
            #expect(harness.sessionEntries == ["bin", "bin/tools", "bin/tools/run.sh", "docs", "docs/readme.txt"])
        }
    }

    @Test("absolute, climbing, empty and duplicate names are refused before any transfer",
          arguments: [["/etc/passwd"], ["../x"], ["a/../../b"], [""], ["dir/"], ["a", "./a"]])
    func invalidNames(names: [String]) async throws {
        try await StagingHarness.run { harness in
            let url = harness.server.url("/files/hello.txt")
            let error = await #expect(throws: StagingError.self) {
                try await harness.stager().stageIn(names.map { InputRequest(name: $0, source: .http(url)) },
                                                   into: harness.session)
            }
            #expect(error?.kind == .invalidName)
            #expect(error?.attempts == 0)
            #expect(harness.sessionEntries.isEmpty)
        }
    }

    @Test("URLs other than http and https are refused")
    func unsupportedScheme() async throws {
        try await StagingHarness.run { harness in
            let url = try #require(URL(string: "ftp://127.0.0.1/x"))
            let error = await #expect(throws: StagingError.self) {
                try await harness.stager().stageIn([InputRequest(name: "x", source: .http(url))], into: harness.session)
            }
            #expect(error?.kind == .notAllowed)
            #expect(error?.attempts == 1)
        }
    }

    @Test("the first permanent failure cancels the job's other transfers")
    func failFast() async throws {
        try await StagingHarness.run { harness in
            let error = await #expect(throws: StagingError.self) {
                try await harness.stager().stageIn([
                    InputRequest(name: "slow", source: .http(harness.server.url("/slow"))),
                    InputRequest(name: "missing", source: .http(harness.server.url("/status/404"))),
                ], into: harness.session)
            }
            #expect(error?.kind == .notFound)
            #expect(error?.fileName == "missing")
            #expect(harness.sessionEntries.isEmpty)
        }
    }
}

func mode(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? Int) ?? -1
}
