import Foundation
import Staging
import Testing

@Suite("stage-out")
struct StageOutTests {
    private let bytes = TestServer.pseudoRandomBytes(count: 500_000, seed: 11)

    @Test("an output without a target is kept and reported with its size")
    func keep() async throws {
        try await StagingHarness.run { harness in
            try harness.scratch.write("session/out/result.txt", bytes)
            let staged = try await harness.stager().stageOut([OutputRequest(name: "out/result.txt")],
                                                             from: harness.session)
            #expect(staged == [StagedOutput(name: "out/result.txt", target: .keep, bytes: Int64(bytes.count), attempts: 1)])
        }
    }

    @Test("a missing output is a permanent error naming it")
    func missingOutput() async throws {
        try await StagingHarness.run { harness in
            let error = await #expect(throws: StagingError.self) {
                try await harness.stager().stageOut([OutputRequest(name: "result.txt")], from: harness.session)
            }
            #expect(error?.kind == .localFileMissing)
            #expect(error?.isTransient == false)
            #expect(error?.description == "output 'result.txt': 'result.txt' does not exist")
        }
    }

    @Test("a missing output does not stop the others from being staged")
    func missingDoesNotStopOthers() async throws {
        try await StagingHarness.run { harness in
            try harness.scratch.write("session/present.txt", bytes)
            let error = await #expect(throws: StagingError.self) {
                try await harness.stager().stageOut([
                    OutputRequest(name: "absent.txt", target: .http(harness.server.url("/upload/absent"))),
                    OutputRequest(name: "present.txt", target: .http(harness.server.url("/upload/present"))),
                ], from: harness.session)
            }
            #expect(error?.fileName == "absent.txt")
            #expect(await harness.server.state.uploads["present"] == bytes)
        }
    }

    @Test("file:// targets under an allowed root get a complete copy via a temporary name")
    func toFile() async throws {
        try await StagingHarness.run { harness in
            try harness.scratch.write("session/result.dat", bytes)
            let root = try harness.scratch.makeDirectory("archive")
            try harness.scratch.makeDirectory("archive/job1")
            try harness.scratch.write("archive/job1/result.dat", Array("old".utf8))
            let staged = try await harness.stager { $0.allowedFileRoots = [root] }.stageOut(
                [OutputRequest(name: "result.dat", target: .file(path: root + "/job1/result.dat"))], from: harness.session)
            #expect(staged.first?.bytes == Int64(bytes.count))
            #expect(FileManager.default.contents(atPath: root + "/job1/result.dat").map(Array.init) == bytes)
            #expect(harness.scratch.entries("archive") == ["job1", "job1/result.dat"])
        }
    }

    @Test("file:// targets outside the allowed roots are refused")
    func toFileOutsideRoot() async throws {
        try await StagingHarness.run { harness in
            try harness.scratch.write("session/result.dat", bytes)
            let root = try harness.scratch.makeDirectory("archive")
            let elsewhere = try harness.scratch.makeDirectory("elsewhere")
            let error = await #expect(throws: StagingError.self) {
                try await harness.stager { $0.allowedFileRoots = [root] }.stageOut(
                    [OutputRequest(name: "result.dat", target: .file(path: elsewhere + "/result.dat"))],
                    from: harness.session)
            }
            #expect(error?.kind == .notAllowed)
            #expect(harness.scratch.entries("elsewhere").isEmpty)
        }
    }

    @Test("an output that is a symlink out of the session directory is refused")
    func symlinkOutput() async throws {
        try await StagingHarness.run { harness in
            let secret = try harness.scratch.write("private/secret", bytes)
            try FileManager.default.createSymbolicLink(atPath: harness.session + "/result.dat", withDestinationPath: secret)
            let error = await #expect(throws: StagingError.self) {
                try await harness.stager().stageOut(
                    [OutputRequest(name: "result.dat", target: .http(harness.server.url("/upload/leak")))],
                    from: harness.session)
            }
            #expect(error?.kind == .notAllowed)
            #expect(await harness.server.state.uploads["leak"] == nil)
        }
    }

    @Test("http targets get the bytes by PUT")
    func put() async throws {
        try await StagingHarness.run { harness in
            try harness.scratch.write("session/result.dat", bytes)
            let progress = ProgressLog()
            let staged = try await harness.stager().stageOut(
                [OutputRequest(name: "result.dat", target: .http(harness.server.url("/upload/result")))],
                from: harness.session, progress: progress.handler)
            #expect(staged.first?.attempts == 1)
            #expect(await harness.server.state.uploads["result"] == bytes)
            #expect(progress.events.last?.bytes == Int64(bytes.count))
            #expect(progress.events.allSatisfy { $0.direction == .output && $0.totalBytes == Int64(bytes.count) })
        }
    }

    @Test("a PUT answered with 503 is retried with the whole body")
    func putRetry() async throws {
        try await StagingHarness.run { harness in
            try harness.scratch.write("session/result.dat", bytes)
            let staged = try await harness.stager().stageOut(
                [OutputRequest(name: "result.dat", target: .http(harness.server.url("/flaky-upload/result")))],
                from: harness.session)
            #expect(staged.first?.attempts == 2)
            #expect(await harness.server.state.uploads["result"] == bytes)
        }
    }

    @Test("a PUT follows 307 with its body")
    func putRedirect() async throws {
        try await StagingHarness.run { harness in
            try harness.scratch.write("session/result.dat", bytes)
            _ = try await harness.stager().stageOut(
                [OutputRequest(name: "result.dat", target: .http(harness.server.url("/moved-upload/moved")))],
                from: harness.session)
            #expect(await harness.server.state.uploads["moved"] == bytes)
        }
    }

    @Test("a PUT answered with 404 fails permanently")
    func putNotFound() async throws {
        try await StagingHarness.run { harness in
            try harness.scratch.write("session/result.dat", bytes)
            let error = await #expect(throws: StagingError.self) {
                try await harness.stager().stageOut(
                    [OutputRequest(name: "result.dat", target: .http(harness.server.url("/nowhere/result")))],
                    from: harness.session)
            }
            #expect(error?.kind == .notFound)
            #expect(error?.attempts == 1)
            #expect(error?.description.hasPrefix("output 'result.dat' to http://127.0.0.1:") == true)
        }
    }
}
