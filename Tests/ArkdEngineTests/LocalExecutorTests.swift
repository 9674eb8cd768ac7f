@testable import ArkdEngine
import Foundation
import JobDescriptions
import Testing

/// A session directory and executor runtime directory for one test.
final class LocalExecutorFixture {
    let root: URL
    let executor: LocalExecutor
    let configuration: LocalExecutor.Configuration

    init(grace: Duration = .milliseconds(500)) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("arkd-local-\(UUID().uuidString)")
        var configuration = LocalExecutor.Configuration(runtimeDirectory: root.appendingPathComponent("run").path)
        configuration.killGracePeriod = grace
        configuration.pollInterval = .milliseconds(20)
        configuration.memoryCheckInterval = .milliseconds(50)
        self.configuration = configuration
        executor = try LocalExecutor(configuration: configuration)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    func request(_ xrsl: String) throws -> ExecutionRequest {
        let job = try #require(try JobDescriptionParser().parse(Array(xrsl.utf8)).first)
        let id = JobID.random()
        let session = root.appendingPathComponent(id.rawValue)
        try FileManager.default.createDirectory(at: session, withIntermediateDirectories: true)
        return ExecutionRequest(jobID: id, description: job, sessionDirectory: session.path)
    }

    func run(_ xrsl: String) async throws -> (ExecutionResult, ExecutionRequest) {
        let request = try request(xrsl)
        let handle = try await executor.submit(request)
        let result = try await executor.observe(request, handle: handle) {}
        await executor.release(request, handle: handle)
        return (result, request)
    }
}

@Suite("local executor", .serialized)
struct LocalExecutorTests {
    @Test("a job runs in its session directory with its arguments, environment and streams")
    func success() async throws {
        let fixture = try LocalExecutorFixture()
        let (result, request) = try await fixture.run(#"""
            &(executable=/bin/sh)(arguments="-c" "pwd; echo $GREETING $ARKD_JOB_ID; cat; echo oops >&2; sleep 0.3")
             (environment=("GREETING" "hello world"))(stdout=out.txt)(stderr=err.txt)
            """#)
        #expect(result.outcome == .exited(exitCode: 0))
        let out = try String(contentsOfFile: request.sessionDirectory + "/out.txt", encoding: .utf8)
        #expect(out == "\(request.sessionDirectory)\nhello world \(request.jobID.rawValue)\n")
        #expect(try String(contentsOfFile: request.sessionDirectory + "/err.txt", encoding: .utf8) == "oops\n")
        #expect(result.accounting.startedAt != nil && result.accounting.endedAt != nil)
        #expect((result.accounting.maxResidentKiB ?? 0) > 0)
    }

    @Test("stdin comes from the session directory and join merges stderr into stdout")
    func streams() async throws {
        let fixture = try LocalExecutorFixture()
        let request = try fixture.request(#"&(executable=/bin/sh)(arguments="-c" "cat; echo err >&2")(stdin=in.txt)(stdout=out.txt)(join=yes)"#)
        try Data("input\n".utf8).write(to: URL(fileURLWithPath: request.sessionDirectory + "/in.txt"))
        let handle = try await fixture.executor.submit(request)
        let result = try await fixture.executor.observe(request, handle: handle) {}
        #expect(result.outcome == .exited(exitCode: 0))
        #expect(try String(contentsOfFile: request.sessionDirectory + "/out.txt", encoding: .utf8) == "input\nerr\n")
    }

    @Test("a non-zero exit is the job's own exit code")
    func exitCode() async throws {
        let fixture = try LocalExecutorFixture()
        #expect(try await fixture.run(#"&(executable=/bin/sh)(arguments="-c" "exit 3")"#).0.outcome == .exited(exitCode: 3))
    }

    @Test("a signal the payload raises itself is 256+N, and the job still finished")
    func signal() async throws {
        let fixture = try LocalExecutorFixture()
        #expect(try await fixture.run(#"&(executable=/bin/sh)(arguments="-c" "kill -USR1 $$")"#).0.outcome == .exited(exitCode: 256 + 10))
    }

    @Test("exceeding the wall time stops the job with TERM, and it fails with the limit as reason")
    func wallTime() async throws {
        let fixture = try LocalExecutorFixture()
        let clock = ContinuousClock()
        let start = clock.now
        let (result, _) = try await fixture.run(#"&(executable=/bin/sleep)(arguments=30)(walltime="1s")"#)
        #expect(result.outcome == .failed(reason: "wall time limit of 1 s exceeded", exitCode: 256 + 15))
        #expect(clock.now - start < .seconds(10))
    }

    @Test("a payload that ignores TERM is killed after the grace period")
    func killAfterGrace() async throws {
        let fixture = try LocalExecutorFixture()
        let (result, _) = try await fixture.run(#"&(executable=/bin/sh)(arguments="-c" "trap '' TERM; sleep 30")(walltime="1s")"#)
        #expect(result.outcome == .failed(reason: "wall time limit of 1 s exceeded", exitCode: 256 + 9))
    }

    @Test("exceeding the memory limit kills the process tree")
    func memory() async throws {
        let fixture = try LocalExecutorFixture()
        let (result, _) = try await fixture.run(#"&(executable=/bin/sh)(arguments="-c" "head -c 400000000 /dev/zero | tail")(memory=32)(walltime="60s")"#)
        guard case .failed(let reason, let code) = result.outcome else {
            Issue.record("expected a failure, got \(result.outcome)")
            return
        }
        #expect(reason.hasPrefix("memory limit of 32 MiB exceeded"))
        #expect(code == 256 + 9)
    }

    @Test("exceeding the CPU time limit fails the job")
    func cpuTime() async throws {
        let fixture = try LocalExecutorFixture()
        let (result, _) = try await fixture.run(#"&(executable=/bin/sh)(arguments="-c" "while :; do :; done")(cputime="1s")(walltime="60s")"#)
        #expect(result.outcome == .failed(reason: "CPU time limit of 1 s exceeded", exitCode: 256 + 24))
    }

    @Test("cancel stops a running payload")
    func cancel() async throws {
        let fixture = try LocalExecutorFixture()
        let request = try fixture.request(#"&(executable=/bin/sleep)(arguments=30)"#)
        let handle = try await fixture.executor.submit(request)
        async let result = fixture.executor.observe(request, handle: handle) {}
        try await Task.sleep(for: .milliseconds(200))
        await fixture.executor.cancel(request, handle: handle)
        #expect(try await result.outcome == .exited(exitCode: 256 + 15))
    }

    @Test("a missing executable fails submission with a reason")
    func missingExecutable() async throws {
        let fixture = try LocalExecutorFixture()
        let request = try fixture.request("&(executable=run.sh)")
        await #expect(throws: ExecutorError("executable 'run.sh' does not exist")) { try await fixture.executor.submit(request) }
    }

    @Test("after a restart the payload is adopted, not started twice, and never reported as a success")
    func adoption() async throws {
        let fixture = try LocalExecutorFixture()
        let request = try fixture.request(#"&(executable=/bin/sh)(arguments="-c" "echo run >> runs.txt; sleep 1")"#)
        let handle = try await fixture.executor.submit(request)
        let restarted = try LocalExecutor(configuration: fixture.configuration)
        #expect(try await restarted.submit(request) == handle)
        let result = try await restarted.observe(request, handle: handle) {}
        guard case .failed(let reason, nil) = result.outcome else {
            Issue.record("expected a failure without exit code, got \(result.outcome)")
            return
        }
        #expect(reason.contains("exit status is unknown"))
        #expect(try String(contentsOfFile: request.sessionDirectory + "/runs.txt", encoding: .utf8) == "run\n")
        _ = try await fixture.executor.observe(request, handle: handle) {}
    }

    @Test("a start leaves exactly the pid file holding the handle, and release removes it")
    func runtimeFiles() async throws {
        let fixture = try LocalExecutorFixture()
        let request = try fixture.request("&(executable=/bin/true)")
        let directory = fixture.configuration.runtimeDirectory
        let handle = try await fixture.executor.submit(request)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["\(request.jobID.rawValue).pid"])
        #expect(try String(contentsOfFile: directory + "/\(request.jobID.rawValue).pid", encoding: .utf8) == handle)
        _ = try await fixture.executor.observe(request, handle: handle) {}
        await fixture.executor.release(request, handle: handle)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }

    @Test("a process's identity is read past a command name with spaces and parentheses")
    func processIdentity() throws {
        let fixture = try LocalExecutorFixture()
        let strange = fixture.root.appendingPathComponent("sl) eep (x").path
        try FileManager.default.createDirectory(at: fixture.root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "/bin/sleep", toPath: strange)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: strange)
        process.arguments = ["30"]
        try process.run()
        defer {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let pid = process.processIdentifier
        let text = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        #expect(text.contains("(sl) eep (x)"))
        let fields = text[text.index(after: try #require(text.lastIndex(of: ")")))...].split(separator: " ")
        let identity = try #require(ProcessIdentity.current(pid: pid))
        #expect(identity.startTicks == UInt64(fields[19]))
        #expect(identity.isAlive)
        #expect(!ProcessIdentity(pid: pid, startTicks: identity.startTicks + 1).isAlive)
        #expect(ProcessIdentity.current(pid: Int32.max) == nil)
    }

    @Test("an interrupted start whose process is gone is not started again")
    func interruptedStart() async throws {
        let fixture = try LocalExecutorFixture()
        let request = try fixture.request("&(executable=/bin/true)")
        try Data().write(to: URL(fileURLWithPath: fixture.configuration.runtimeDirectory + "/\(request.jobID.rawValue).starting"))
        await #expect(throws: ExecutorError.self) { try await fixture.executor.submit(request) }
    }
}
