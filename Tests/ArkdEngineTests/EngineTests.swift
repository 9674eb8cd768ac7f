@testable import ArkdEngine
import Foundation
import JobDescriptions
import Staging
import Testing

@Suite("engine with local processes and real staging", .serialized)
struct EngineTests {
    @Test("a job with an uploaded and a downloaded input runs and uploads its output")
    func success() async throws {
        let harness = try EngineHarness()
        try harness.write("local.txt", "from the submitter\n")
        try await EngineTestServer.with { server in
            let record = try await harness.withEngine { engine in
                try await harness.run("""
                    &(executable=/bin/sh)(arguments="-c" "cat local.txt remote.txt > out.txt; echo done")
                     (inputfiles=("local.txt" "") ("remote.txt" "\(server.url("/files/greeting.txt"))"))
                     (outputfiles=("out.txt" "\(server.url("/uploads/out.txt"))"))(stdout=stdout.txt)
                    """, on: engine)
            }
            #expect(record.state == .finished && record.exitCode == 0)
            #expect(try String(contentsOfFile: record.sessionDirectory + "/stdout.txt", encoding: .utf8) == "done\n")
            let uploaded = try #require(await server.uploads.file("out.txt"))
            #expect(String(decoding: uploaded, as: UTF8.self) == "from the submitter\nhello from the server\n")
            let history = try await harness.withEngine { engine in try await engine.store.history(of: record.id) }
            #expect(history.map(\.toState) == [.accepted, .preparing, .submitting, .queued, .running, .finishing, .finished])
        }
    }

    @Test("exit 3 finishes with code 3; a signal finishes with 256+N")
    func exitCodes() async throws {
        let harness = try EngineHarness()
        try await harness.withEngine { engine in
            let three = try await harness.run(#"&(executable=/bin/sh)(arguments="-c" "exit 3")"#, on: engine)
            #expect(three.state == .finished && three.exitCode == 3)
            let signal = try await harness.run(#"&(executable=/bin/sh)(arguments="-c" "kill -USR1 $$")"#, on: engine)
            #expect(signal.state == .finished && signal.exitCode == 266)
        }
    }

    @Test("limits: wall time and memory fail the job with the limit as reason")
    func limits() async throws {
        let harness = try EngineHarness()
        try await harness.withEngine { engine in
            let wall = try await harness.run(#"&(executable=/bin/sleep)(arguments=30)(walltime="1s")"#, on: engine)
            #expect(wall.state == .failed && wall.exitCode == 271)
            #expect(wall.failureReason == "wall time limit of 1 s exceeded")
            let memory = try await harness.run(
                #"&(executable=/bin/sh)(arguments="-c" "head -c 400000000 /dev/zero | tail")(memory=32)"#, on: engine)
            #expect(memory.state == .failed && memory.exitCode == 265)
            #expect(memory.failureReason?.hasPrefix("memory limit of 32 MiB exceeded") == true)
        }
    }

    @Test("staging failures fail the job before it runs: 404, checksum mismatch, oversized input")
    func stagingFailures() async throws {
        let harness = try EngineHarness()
        let staging = StagingConfiguration(maxFileBytes: 100_000, retry: RetryPolicy(maxAttempts: 1))
        try await EngineTestServer.with { server in
            try await harness.withEngine(staging: staging) { engine in
                let missing = try await harness.run("""
                    &(executable=/bin/true)(inputfiles=("in" "\(server.url("/files/nothing"))"))
                    """, on: engine)
                #expect(missing.state == .failed)
                #expect(missing.failureReason?.contains("404") == true, "\(missing.failureReason ?? "")")
                let zeros = String(repeating: "0", count: 64)
                let mismatch = try await harness.run("""
                    &(executable=/bin/true)(inputfiles=("in" "\(server.url("/files/greeting.txt"))" "checksum=sha256:\(zeros)"))
                    """, on: engine)
                #expect(mismatch.state == .failed)
                #expect(mismatch.failureReason?.contains("checksum mismatch") == true, "\(mismatch.failureReason ?? "")")
                #expect(!FileManager.default.fileExists(atPath: mismatch.sessionDirectory + "/in"))
                let big = try await harness.run("""
                    &(executable=/bin/true)(inputfiles=("big" "\(server.url("/files/big.bin"))"))
                    """, on: engine)
                #expect(big.state == .failed)
                #expect(big.failureReason?.contains("too large") == true || big.failureReason?.contains("larger") == true,
                        "\(big.failureReason ?? "")")
                #expect(!FileManager.default.fileExists(atPath: big.sessionDirectory + "/big"))
                #expect(try await engine.store.history(of: big.id).map(\.toState) == [.accepted, .preparing, .failed])
            }
        }
    }

    @Test("a cancelled running job is killed")
    func cancel() async throws {
        let harness = try EngineHarness()
        try await harness.withEngine { engine in
            let updates = engine.watch()
            let id = try #require(try await engine.submit(JobSubmission(text: Array("&(executable=/bin/sleep)(arguments=30)".utf8))).first?.id)
            for await case .state(let record) in updates where record.id == id && record.state == .running { break }
            let requested = try await engine.cancel(id)
            #expect(requested.cancelRequested)
            let record = try await harness.waitForEnd(of: id, updates: updates, engine: engine)
            #expect(record.state == .killed && record.exitCode == 256 + 15)
            await #expect(throws: CancelRefusal.self) { try await engine.cancel(id) }
        }
    }

    @Test("no more payloads run at once than the engine has slots")
    func runSlots() async throws {
        let harness = try EngineHarness()
        let log = harness.root.appendingPathComponent("slots.log").path
        try await harness.withEngine(maxRunningJobs: 2) { engine in
            let updates = engine.watch()
            let text = #"&(executable=/bin/sh)(arguments="-c" "echo start >> \#(log); sleep 0.3; echo end >> \#(log)")"#
            let description = "+" + String(repeating: "(" + text + ")", count: 5)
            let records = try await engine.submit(JobSubmission(text: Array(description.utf8)))
            for record in records {
                #expect(try await harness.waitForEnd(of: record.id, updates: updates, engine: engine).state == .finished)
            }
        }
        var running = 0
        var peak = 0
        for line in try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n") {
            running += line == "start" ? 1 : -1
            peak = max(peak, running)
        }
        #expect(peak == 2)
    }

    @Test("a rejected description stores nothing and reports every error")
    func rejection() async throws {
        let harness = try EngineHarness()
        try await harness.withEngine { engine in
            do {
                _ = try await engine.submit(JobSubmission(text: Array("&(executable=../x)(count=-1)".utf8)))
                Issue.record("the description was accepted")
            } catch let rejection as DescriptionRejection {
                #expect(rejection.errors.count == 2)
            }
            #expect(try await engine.store.countByState().isEmpty)
        }
    }

    @Test("submission with a client key is idempotent")
    func idempotency() async throws {
        let harness = try EngineHarness()
        try await harness.withEngine { engine in
            let text = Array("&(executable=/bin/true)".utf8)
            let first = try await engine.submit(JobSubmission(text: text, clientKey: "grid-1"))
            let second = try await engine.submit(JobSubmission(text: text, clientKey: "grid-1"))
            #expect(first.map(\.id) == second.map(\.id))
        }
    }

    @Test("a full disk during staging fails the job with a clear reason and a consistent store")
    func diskFull() async throws {
        let harness = try EngineHarness()
        let sessions = harness.root.appendingPathComponent("small").path
        try FileManager.default.createDirectory(atPath: sessions, withIntermediateDirectories: true)
        guard Self.mountTmpfs(at: sessions, size: "64k") else {
            try Test.cancel("cannot mount a small tmpfs here (needs root)")
        }
        defer { Self.unmount(sessions) }
        try await EngineTestServer.with { server in
            try await harness.withEngine(sessionRoot: sessions) { engine in
                let record = try await harness.run("""
                    &(executable=/bin/true)(inputfiles=("big" "\(server.url("/files/big.bin"))"))
                    """, on: engine)
                #expect(record.state == .failed)
                #expect(record.failureReason?.contains("no space left") == true, "\(record.failureReason ?? "")")
                #expect(try await engine.store.countByState() == [.failed: 1])
            }
        }
    }

    static func mountTmpfs(at path: String, size: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/mount")
        process.arguments = ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", path]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    static func unmount(_ path: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/umount")
        process.arguments = [path]
        try? process.run()
        process.waitUntilExit()
    }
}
