@testable import ArkdEngine
import Foundation
import JobDescriptions
import Synchronization
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

    func pidFilePath(_ request: ExecutionRequest) -> String {
        configuration.runtimeDirectory + "/" + request.jobID.rawValue + ".pid"
    }

    /// The pid file's text; nil when there is none.
    func pidFileText(_ request: ExecutionRequest) -> String? {
        try? String(contentsOfFile: pidFilePath(request), encoding: .utf8)
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
        let (result, _) = try await fixture.run(#"&(executable=/bin/sleep)(arguments=30)(walltime="1s")"#)
        #expect(result.outcome == .failed(reason: "wall time limit of 1 s exceeded", exitCode: 256 + 15))
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

    /// Lets a payload that waits for `go` in its session directory end: the adoption tests hold
    /// their payloads until the restarted executor has found them, however loaded the machine is.
    private func release(_ request: ExecutionRequest) {
        #expect(FileManager.default.createFile(atPath: request.sessionDirectory + "/go", contents: nil))
    }

    @Test("after a restart the payload is adopted, not started twice, and never reported as a success")
    func adoption() async throws {
        let fixture = try LocalExecutorFixture()
        let request = try fixture.request(#"&(executable=/bin/sh)(arguments="-c" "echo run >> runs.txt; while [ ! -e go ]; do sleep 0.05; done")"#)
        let handle = try await fixture.executor.submit(request)
        let executor = fixture.executor
        let child = Task { try await executor.observe(request, handle: handle) {} }
        try await waitForStartTime(in: fixture, request)
        let restarted = try LocalExecutor(configuration: fixture.configuration)
        let adopted = try await restarted.submit(request)
        #expect(LocalHandle(adopted)?.pid == LocalHandle(handle)?.pid)
        release(request)
        let result = try await restarted.observe(request, handle: handle) {}
        guard case .failed(let reason, nil) = result.outcome else {
            Issue.record("expected a failure without exit code, got \(result.outcome)")
            return
        }
        #expect(reason.contains("followed to its end"))
        #expect(try String(contentsOfFile: request.sessionDirectory + "/runs.txt", encoding: .utf8) == "run\n")
        _ = try await child.value
    }

    @Test("a start interrupted after the spawn is adopted by the job's id in the payload's environment")
    func interruptedStartAdopted() async throws {
        let fixture = try LocalExecutorFixture()
        let request = try fixture.request(#"&(executable=/bin/sh)(arguments="-c" "echo run >> runs.txt; while [ ! -e go ]; do sleep 0.05; done")"#)
        let handle = try #require(LocalHandle(try await fixture.executor.submit(request)))
        try await waitForFile("runs.txt", of: request)
        #expect(fixture.pidFileText(request) == "")
        let restarted = try LocalExecutor(configuration: fixture.configuration)
        let adopted = try #require(LocalHandle(try await restarted.submit(request)))
        #expect(adopted.pid == handle.pid && adopted.startTicks != nil)
        #expect(fixture.pidFileText(request) == adopted.description + "\n")
        release(request)
        let result = try await restarted.observe(request, handle: adopted.description) {}
        #expect(result.outcome == .failed(
            reason: "arkd restarted while the job ran; it was followed to its end but its exit status is unknown", exitCode: nil))
        #expect(try String(contentsOfFile: request.sessionDirectory + "/runs.txt", encoding: .utf8) == "run\n")
        _ = try await fixture.executor.observe(request, handle: handle.description) {}
    }

    @Test("a stored handle without start time is adopted by the environment, and the start time is recorded")
    func adoptionWithoutStartTime() async throws {
        let fixture = try LocalExecutorFixture()
        let request = try fixture.request(#"&(executable=/bin/sh)(arguments="-c" "echo run >> runs.txt; while [ ! -e go ]; do sleep 0.05; done")"#)
        let handle = try await fixture.executor.submit(request)
        try await waitForFile("runs.txt", of: request)
        let restarted = try LocalExecutor(configuration: fixture.configuration)
        let started = Mutex(false)
        let result = try await restarted.observe(request, handle: handle) {
            started.withLock { $0 = true }
            release(request)
        }
        #expect(started.withLock { $0 })
        #expect(result.outcome == .failed(
            reason: "arkd restarted while the job ran; it was followed to its end but its exit status is unknown", exitCode: nil))
        let recorded = try #require(fixture.pidFileText(request).flatMap { LocalHandle($0.dropLast().utf8) })
        #expect(recorded.pid == LocalHandle(handle)?.pid && recorded.startTicks != nil)
        _ = try await fixture.executor.observe(request, handle: handle) {}
    }

    @Test("a process that got the payload's pid is not mistaken for it")
    func reusedPid() async throws {
        let fixture = try LocalExecutorFixture()
        let request = try fixture.request("&(executable=/bin/true)")
        try Data().write(to: URL(fileURLWithPath: fixture.pidFilePath(request)))
        let stranger = Process()
        stranger.executableURL = URL(fileURLWithPath: "/bin/sleep")
        stranger.arguments = ["30"]
        try stranger.run()
        defer {
            kill(stranger.processIdentifier, SIGKILL)
            stranger.waitUntilExit()
        }
        let restarted = try LocalExecutor(configuration: fixture.configuration)
        for handle in ["local:\(stranger.processIdentifier)", "local:\(stranger.processIdentifier):1"] {
            let result = try await restarted.observe(request, handle: handle) {}
            #expect(result.outcome == .failed(
                reason: "arkd restarted and the job's process had already ended; its exit status is unknown", exitCode: nil))
            await restarted.cancel(request, handle: handle)
        }
        #expect(stranger.isRunning)
    }

    @Test("a start leaves exactly the pid file, empty; observation writes the handle with the start time, release removes it")
    func runtimeFiles() async throws {
        let fixture = try LocalExecutorFixture()
        let request = try fixture.request("&(executable=/bin/true)")
        let directory = fixture.configuration.runtimeDirectory
        let handle = try await fixture.executor.submit(request)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == [".start-marker", "\(request.jobID.rawValue).pid"])
        #expect(fixture.pidFileText(request) == "")
        let pid = try #require(LocalHandle(handle)?.pid)
        #expect(handle == "local:\(pid)")
        let startTicks = try #require(ProcessIdentity.current(pid: pid)).startTicks
        _ = try await fixture.executor.observe(request, handle: handle) {}
        #expect(fixture.pidFileText(request) == "local:\(pid):\(startTicks)\n")
        await fixture.executor.release(request, handle: handle)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == [".start-marker"])
    }

    @Test("pid file contents: only a whole handle with its line end counts, anything else is a start in progress")
    func pidFileContents() throws {
        let fixture = try LocalExecutorFixture()
        let directory = fixture.configuration.runtimeDirectory
        let marker = try StartMarker(directory: directory)
        let file = PidFile(path: directory + "/x.pid", marker: marker)
        #expect(file.read() == nil)
        #expect(try file.create())
        #expect(try !file.create())
        #expect(file.read() == .starting)
        let cases: [(String, PidFile.Content)] = [
            ("local:42:7\n", .started(LocalHandle(pid: 42, startTicks: 7))), ("local:42\n", .started(LocalHandle(pid: 42))),
            ("local:42:7", .starting), ("local:4", .starting), ("local:42:7\n17\n", .starting), ("local::7\n", .starting),
            ("local:0\n", .starting), ("local:42:7:1\n", .starting), ("local:99999999999\n", .starting), ("\0\0\0", .starting),
        ]
        for (text, expected) in cases {
            try Data(text.utf8).write(to: URL(fileURLWithPath: file.path))
            #expect(file.read() == expected, "\(text.debugDescription)")
        }
        file.remove()
        #expect(file.read() == nil)
    }

    @Test("pid files of starts in progress share the empty start marker; recording the handle replaces the link only")
    func pidFileLinks() throws {
        let fixture = try LocalExecutorFixture()
        let directory = fixture.configuration.runtimeDirectory
        let marker = try StartMarker(directory: directory)
        let first = PidFile(path: directory + "/a.pid", marker: marker)
        let second = PidFile(path: directory + "/b.pid", marker: marker)
        #expect(try first.create() && second.create())
        var info = stat()
        #expect(stat(marker.path, &info) == 0 && info.st_nlink == 3)
        try first.record(LocalHandle(pid: 5, startTicks: 6))
        #expect(first.read() == .started(LocalHandle(pid: 5, startTicks: 6)))
        #expect(second.read() == .starting)
        #expect(try String(contentsOfFile: marker.path, encoding: .utf8) == "")
        #expect(stat(marker.path, &info) == 0 && info.st_nlink == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == [".start-marker", "a.pid", "b.pid"])

        // A marker that was written to is emptied by the next executor, and with it the starts in progress.
        try Data("local:9:9\n".utf8).write(to: URL(fileURLWithPath: second.path))
        #expect(second.read() == .started(LocalHandle(pid: 9, startTicks: 9)))
        _ = try LocalExecutor(configuration: fixture.configuration)
        #expect(second.read() == .starting)

        // Without the marker the pid file is created empty, just as exclusively.
        unlink(marker.path)
        let third = PidFile(path: directory + "/c.pid", marker: marker)
        #expect(try third.create())
        #expect(try !third.create())
        #expect(third.read() == .starting)
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
        let stat = try #require(ProcessIdentity.Stat(pid: pid))
        #expect(stat.startTicks == UInt64(fields[19]))
        #expect(stat.processGroup == Int32(fields[2]))
        let identity = try #require(ProcessIdentity.current(pid: pid))
        #expect(identity.startTicks == UInt64(fields[19]))
        #expect(identity.isAlive)
        #expect(!ProcessIdentity(pid: pid, startTicks: identity.startTicks + 1).isAlive)
        #expect(ProcessIdentity.current(pid: Int32.max) == nil)
    }

    @Test("an interrupted start whose process is gone is not started again")
    func interruptedStart() async throws {
        let fixture = try LocalExecutorFixture()
        let request = try fixture.request(#"&(executable=/bin/sh)(arguments="-c" "echo run >> runs.txt")"#)
        try Data().write(to: URL(fileURLWithPath: fixture.pidFilePath(request)))
        await #expect(throws: ExecutorError.self) { try await fixture.executor.submit(request) }
        #expect(!FileManager.default.fileExists(atPath: request.sessionDirectory + "/runs.txt"))
        #expect(fixture.pidFileText(request) == "")
    }

    @Test("a start that fails before any process exists leaves no pid file")
    func failedStartLeavesNothing() async throws {
        let fixture = try LocalExecutorFixture()
        let request = try fixture.request("&(executable=run.sh)")
        await #expect(throws: ExecutorError.self) { try await fixture.executor.submit(request) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.configuration.runtimeDirectory) == [".start-marker"])
    }

    /// Waits until the payload has created a file: it runs (a payload that has only just been
    /// spawned may still be executing, without its environment in `/proc` yet).
    private func waitForFile(_ name: String, of request: ExecutionRequest) async throws {
        let path = request.sessionDirectory + "/" + name
        for _ in 0..<500 where !FileManager.default.fileExists(atPath: path) {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(FileManager.default.fileExists(atPath: path))
    }

    /// Waits until observation has written the payload's start time into its pid file.
    private func waitForStartTime(in fixture: LocalExecutorFixture, _ request: ExecutionRequest) async throws {
        for _ in 0..<500 where fixture.pidFileText(request)?.isEmpty ?? true {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(fixture.pidFileText(request)?.isEmpty == false)
    }
}
