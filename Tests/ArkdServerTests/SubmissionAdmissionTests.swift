import ArkdEngine
import Foundation
import Testing

@Suite("API: uploaded inputs (multipart/form-data), queues and session roots a site admits", .serialized, .timeLimit(.minutes(2)))
struct SubmissionAdmissionTests {
    static let boundary = "arkd-test-boundary-7d1"

    /// A multipart body: the description, then one file part per `(filename, contents)`.
    static func form(_ description: String, files: [(String, String)]) -> [UInt8] {
        var text = "preamble is ignored\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"description\"\r\n"
            + "Content-Type: text/plain\r\n\r\n\(description)\r\n"
        for (name, contents) in files {
            text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n\(contents)\r\n"
        }
        return Array((text + "--\(boundary)--\r\n").utf8)
    }

    static let headers = [("Content-Type", "multipart/form-data; boundary=\"\(boundary)\"")]

    @Test("uploaded inputs reach the session directory; the upload area is emptied after stage-in")
    func uploadsReachTheJob() async throws {
        let harness = try DaemonHarness()
        try await harness.run { daemon in
            let description = #"&(executable=/bin/sh)(arguments="-c" "cat in/a.txt b.dat > out.txt")"#
                + #"(inputfiles=("in/a.txt" "") ("b.dat" "local/b.dat"))(outputfiles=("out.txt" ""))"#
            let body = Self.form(description, files: [("in/a.txt", "alpha\n"), ("local/b.dat", "beta\r\n--not-a-boundary\n")])
            let reply = try await daemon.send(.POST, "/v1/jobs", body: body, headers: Self.headers)
            #expect(reply.status == 201, "\(reply.text)")
            let id = try #require(((try reply.json()["jobs"] as? [[String: Any]])?.first?["id"]) as? String)
            let record = try await daemon.waitForEnd(id)
            #expect(record.state == .finished, "\(record.failureReason ?? "")")
            let output = try await daemon.send(.GET, "/v1/jobs/\(id)/files/out.txt")
            #expect(output.text == "alpha\nbeta\r\n--not-a-boundary\n")
            #expect(!FileManager.default.fileExists(atPath: harness.root + "/state/uploads/\(id)"))
        }
    }

    @Test("missing, unexpected and malformed uploads are 400 and store nothing")
    func refusedUploads() async throws {
        try await DaemonHarness().run { daemon in
            let description = #"&(executable=/bin/true)(inputfiles=("a.txt" ""))"#
            let cases: [([UInt8], [(String, String)], String)] = [
                (Array(description.utf8), [("Content-Type", "text/plain")], "carries no such file"),
                (Self.form(description, files: []), Self.headers, "carries no such file"),
                (Self.form(description, files: [("a.txt", "x"), ("other.txt", "y")]), Self.headers,
                 "'other.txt' is not an input"),
                (Self.form(description, files: [("a.txt", "x"), ("a.txt", "y")]), Self.headers, "uploaded twice"),
                (Array("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\n&(executable=x)".utf8),
                 Self.headers, "not closed by a delimiter"),
                (Array("no delimiter at all".utf8), Self.headers, "no '--\(Self.boundary)' delimiter"),
                (Self.form(description, files: []), [("Content-Type", "multipart/form-data")], "needs a boundary"),
                (Array("--\(Self.boundary)\r\nX-Other: 1\r\n\r\nx\r\n--\(Self.boundary)--".utf8), Self.headers,
                 "no Content-Disposition"),
            ]
            for (body, headers, message) in cases {
                let reply = try await daemon.send(.POST, "/v1/jobs", body: body, headers: headers)
                #expect(reply.status == 400, "\(message): \(reply.text)")
                #expect(reply.text.contains(message), "\(reply.text)")
            }
            let listing = try await daemon.send(.GET, "/v1/jobs", as: "admin")
            #expect((try listing.json()["jobs"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("a job for a queue the site does not have, or beyond its queue's limits, is 400 and stores nothing")
    func queueAdmission() async throws {
        try await DaemonHarness().run { daemon in
            let cases = [
                ("&(executable=/bin/true)(queue=long)", "unknown_queue", "queue 'long' does not exist at this site (queues: default, short)"),
                ("&(executable=/bin/true)(queue=short)(count=4)", "queue_limit", "4 cores; queue 'short' gives at most 2"),
                ("&(executable=/bin/true)(queue=short)(memory=3000)(count=2)", "queue_limit", "gives at most 4096 MiB"),
                ("&(executable=/bin/true)(queue=short)(walltime=\"2 hours\")", "queue_limit", "7200 s of wall time"),
            ]
            for (description, code, message) in cases {
                let (reply, _) = try await daemon.submit(description)
                let replied = try reply.errorCode()
                #expect(reply.status == 400 && replied == code, "\(description): \(reply.text)")
                #expect(reply.text.contains(message), "\(reply.text)")
            }
            let (fits, _) = try await daemon.submit("&(executable=/bin/true)(queue=short)(count=2)(walltime=\"1 hour\")")
            #expect(fits.status == 201, "\(fits.text)")
            let listing = try await daemon.send(.GET, "/v1/jobs", as: "admin")
            #expect((try listing.json()["jobs"] as? [Any])?.count == 1)
        }
    }

    @Test("a GRAMI's own session directory must lie below the site's grid session roots")
    func gridSessionRoots() async throws {
        try await DaemonHarness().run { daemon in
            let grami = "joboption_arg_0='/bin/true'\njoboption_directory='/etc'\njoboption_gridid='abc'\n"
            let reply = try await daemon.send(.POST, "/v1/jobs", body: Array(grami.utf8))
            #expect(reply.status == 400)
            #expect(reply.text.contains("session directory '/etc' is not below a configured session root"), "\(reply.text)")
        }
    }
}
