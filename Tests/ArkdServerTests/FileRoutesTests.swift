import ArkdEngine
import Foundation
import Testing

@Suite("API: session files stay inside the session directory", .serialized, .timeLimit(.minutes(2)))
struct FileRoutesTests {
    @Test("nested files are served; '..', symbolic links and directories are refused")
    func confinement() async throws {
        try await DaemonHarness().run { daemon in
            let script = "mkdir -p sub/deeper; echo nested > sub/deeper/n.txt; echo secret > ../outside.txt; "
                + "ln -s ../outside.txt link.txt; ln -s .. up; ln -s sub subdir"
            let id = try #require(try await daemon.submit(#"&(executable=/bin/sh)(arguments="-c" "\#(script)")"#).1)
            let record = try await daemon.waitForEnd(id)
            #expect(record.state == .finished && record.exitCode == 0)

            let nested = try await daemon.send(.GET, "/v1/jobs/\(id)/files/sub/deeper/n.txt")
            #expect(nested.status == 200 && nested.text == "nested\n")
            let link = try await daemon.send(.GET, "/v1/jobs/\(id)/files/link.txt")
            #expect(link.status == 403)
            #expect(try link.errorCode() == "outside_session")
            let throughUp = try await daemon.send(.GET, "/v1/jobs/\(id)/files/up/outside.txt")
            #expect(throughUp.status == 403)
            let throughLinkedDirectory = try await daemon.send(.GET, "/v1/jobs/\(id)/files/subdir/deeper/n.txt")
            #expect(throughLinkedDirectory.status == 403)
            let escaped = try await daemon.send(.GET, "/v1/jobs/\(id)/files/%2e%2e/outside.txt")
            #expect(escaped.status == 400)
            #expect(try escaped.errorCode() == "invalid_path")
            let encodedSlash = try await daemon.send(.GET, "/v1/jobs/\(id)/files/sub%2f..%2f..%2foutside.txt")
            #expect(encodedSlash.status == 400)
            let directory = try await daemon.send(.GET, "/v1/jobs/\(id)/files/sub")
            #expect(directory.status == 404)
            #expect(try directory.errorCode() == "not_a_file")
            let missing = try await daemon.send(.GET, "/v1/jobs/\(id)/files/none.txt")
            #expect(missing.status == 404)
            #expect(try missing.errorCode() == "not_found")
        }
    }
}
