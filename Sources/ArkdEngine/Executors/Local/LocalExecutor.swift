#if canImport(Glibc)
import Glibc
#endif
import Foundation
import JobDescriptions
import Synchronization

/// Runs each job as a child process of arkd in its session directory: the embedded default, so a
/// fresh machine runs real jobs with no cluster.
///
/// Limits: wall time (TERM to the process group, KILL after a grace period), memory (resident
/// memory of the whole process tree, KILL when over), CPU time (`RLIMIT_CPU`). Peak memory is
/// sampled from `/proc` (a payload that ends within the first milliseconds has none). Exit codes follow
/// ARC: a signal N is 256+N.
///
/// Each job has a pid file (`PidFile`) in the runtime directory, created before the spawn, so that
/// a job is never started twice, also across a crash of arkd. A payload that outlives an arkd
/// restart is adopted by its pid, checked against its start time or, when that was not recorded
/// yet, against the job's id in its environment, so a recycled pid is not mistaken for it. Since
/// only its parent can learn its exit status, an adopted payload is reported failed with that
/// reason once it ends, never as a success.
public final class LocalExecutor: Executor {
    public struct Configuration: Sendable {
        /// Where the executor keeps each job's pid file, to find payloads again after a restart.
        public var runtimeDirectory: String
        public var killGracePeriod: Duration = .seconds(5)
        /// Longest pause between checks of a running payload.
        public var pollInterval: Duration = .milliseconds(100)
        public var memoryCheckInterval: Duration = .milliseconds(250)
        /// Reported as the job's node in accounting.
        public var nodeName: String = ProcessInfo.processInfo.hostName

        public init(runtimeDirectory: String) {
            self.runtimeDirectory = runtimeDirectory
        }
    }

    private let configuration: Configuration
    private let startMarker: StartMarker
    /// Payloads this process started, which it alone can reap.
    private let children = Mutex<Set<Int32>>([])
    /// Payloads asked to stop, with the instant their KILL is due.
    private let cancellations = Mutex<[Int32: ContinuousClock.Instant]>([:])

    /// Where payloads run, as accounting and `nodes()` name it.
    var nodeName: String { configuration.nodeName }

    /// Payloads this process started that have not been reaped yet.
    var runningPayloads: Int { children.withLock { $0.count } }

    public init(configuration: Configuration) throws {
        self.configuration = configuration
        try FileManager.default.createDirectory(atPath: configuration.runtimeDirectory, withIntermediateDirectories: true)
        startMarker = try StartMarker(directory: configuration.runtimeDirectory)
    }

    // MARK: Submit

    /// Starts the payload: the pid file made (also the check that no start of the job began
    /// before), the payload's argv and environment, the spawn. Nothing else is on this path, so
    /// that a start costs little more than the spawn itself (Benchmarks/README.md, "Engine
    /// benchmarks"): the pid and start time go into the pid file when observation begins
    /// (`PidFile` and `LocalHandle` say why that is safe), and the executable is checked only
    /// when the spawn fails, to say why.
    public func submit(_ request: ExecutionRequest) async throws(ExecutorError) -> String {
        let pidFile = pidFile(request.jobID)
        guard try pidFile.create() else {
            return try resumeStart(request, pidFile: pidFile)
        }
        let pid: Int32
        do throws(ExecutorError) {
            pid = try spawner(for: request).spawn()
        } catch {
            // No process exists: posix_spawn reports a failed exec and reaps the child itself.
            pidFile.remove()
            throw Self.executableProblem(request) ?? error
        }
        children.withLock { _ = $0.insert(pid) }
        if let cpuTime = request.description.cpuTime {
            var limit = rlimit(rlim_cur: rlim_t(cpuTime), rlim_max: rlim_t(cpuTime) + 5)
            _ = GlibcExtensions.prlimit?(pid, CInt(RLIMIT_CPU.rawValue), &limit, nil)
        }
        return LocalHandle(pid: pid).description
    }

    /// A start of the job began before: returns the recorded handle, or, when none was recorded
    /// (arkd stopped between the spawn and observation, or before the spawn), adopts the payload
    /// if it exists. Never spawns.
    private func resumeStart(_ request: ExecutionRequest, pidFile: PidFile) throws(ExecutorError) -> String {
        switch pidFile.read() {
        case .started(let handle):
            return handle.description
        case .starting:
            guard let found = Self.process(withJobID: request.jobID) else {
                throw ExecutorError("an earlier start was interrupted and no process of it remains; not starting the job twice")
            }
            let handle = LocalHandle(found)
            try pidFile.record(handle)
            return handle.description
        case nil:
            throw ExecutorError("the pid file '\(pidFile.path)' exists but cannot be read", isTransient: true)
        }
    }

    private func spawner(for request: ExecutionRequest) throws(ExecutorError) -> ProcessSpawner {
        let job = request.description
        let session = request.sessionDirectory
        guard let executable = job.executable, !executable.isEmpty else {
            throw ExecutorError("the job names no executable")
        }
        let program = Self.program(executable, in: session)
        var environment: [(String, String)] = [
            ("PATH", "/usr/local/bin:/usr/bin:/bin"), ("HOME", session), ("PWD", session), ("TMPDIR", "/tmp"),
            (Self.jobIDVariable, request.jobID.rawValue), ("ARKD_SESSION_DIR", session),
            ("ARKD_SLOTS", String(max(job.count ?? 1, 1))),
        ]
        environment += job.environment.map { ($0.name, $0.value) }
        func inSession(_ name: String?) -> String? { name.map { session + "/" + $0 } }
        return ProcessSpawner(
            executable: program, arguments: job.arguments, environment: environment, workingDirectory: session,
            stdin: inSession(job.stdin), stdout: inSession(job.stdout), stderr: inSession(job.stderr),
            joinStderr: job.join || (job.stdout != nil && job.stdout == job.stderr))
    }

    private static func program(_ executable: String, in session: String) -> String {
        executable.hasPrefix("/") ? executable : session + "/" + executable
    }

    /// Why a spawn failed, when the executable is at fault: posix_spawn reports only an errno,
    /// which may also come from the payload's streams or session directory. Checked after a
    /// failure only, so a start that succeeds does not pay for it.
    private static func executableProblem(_ request: ExecutionRequest) -> ExecutorError? {
        guard let executable = request.description.executable, !executable.isEmpty else { return nil }
        let program = program(executable, in: request.sessionDirectory)
        guard access(program, X_OK) != 0 else { return nil }
        return ExecutorError("executable '\(executable)' \(access(program, F_OK) == 0 ? "is not executable" : "does not exist")")
    }

    // MARK: Observe

    public func observe(_ request: ExecutionRequest, handle text: String,
                        onStart: @escaping @Sendable () async -> Void) async throws(ExecutorError) -> ExecutionResult {
        guard let handle = LocalHandle(text) else {
            throw ExecutorError("'\(text)' is not a local process handle")
        }
        if children.withLock({ $0.contains(handle.pid) }) {
            recordStartTime(of: handle.pid, for: request)
            return try await follow(child: handle.pid, request: request, onStart: onStart)
        }
        return try await follow(adopted: identity(adopting: handle, for: request), onStart: onStart)
    }

    /// Records the pid and start time of a payload this process started in its pid file, for a
    /// restarted arkd to adopt it by (`LocalHandle`). The payload is not reaped yet, so its pid is
    /// still its own. Best effort: without it the pid file stays as the start left it, and
    /// adoption falls back to recognising the payload by its environment.
    private func recordStartTime(of pid: Int32, for request: ExecutionRequest) {
        guard let identity = ProcessIdentity.current(pid: pid) else { return }
        try? pidFile(request.jobID).record(LocalHandle(identity))
    }

    /// The process a handle from an earlier arkd process names, if it still runs: pinned by the
    /// start time in the handle or the pid file, or else recognised by the job's id in its
    /// environment (`ProcessIdentity.recognize`), and then pinned for the next restart.
    private func identity(adopting handle: LocalHandle, for request: ExecutionRequest) -> ProcessIdentity? {
        if let identity = handle.identity { return identity }
        let pidFile = pidFile(request.jobID)
        if case .started(let recorded) = pidFile.read(), recorded.pid == handle.pid, let identity = recorded.identity {
            return identity
        }
        guard let identity = ProcessIdentity.recognize(pid: handle.pid, environmentEntry: Self.jobIDEntry(request.jobID)) else {
            return nil
        }
        try? pidFile.record(LocalHandle(identity))
        return identity
    }

    /// Watches a payload this process started, until `wait4` reaps it.
    private func follow(child pid: Int32, request: ExecutionRequest,
                        onStart: @escaping @Sendable () async -> Void) async throws(ExecutorError) -> ExecutionResult {
        let clock = ContinuousClock()
        let startedAt = Date()
        await onStart()
        let job = request.description
        let wallDeadline = job.wallTime.map { clock.now + .seconds($0) }
        let memoryLimitKiB = job.memoryMB.map { $0 * max(job.count ?? 1, 1) * 1024 }
        var stopReason: String?
        var killDue: ContinuousClock.Instant?
        var killed = false
        var peakKiB = 0
        var nextMemoryCheck = clock.now
        var pause: Duration = .milliseconds(2)
        var status: Int32 = 0
        var usage = rusage()
        while true {
            try Self.checkCancellation()
            let reaped = wait4(pid, &status, WNOHANG, &usage)
            if reaped == pid { break }
            if reaped == -1 && errno != EINTR {
                children.withLock { _ = $0.remove(pid) }
                return ExecutionResult(
                    outcome: .failed(reason: "the payload's exit status was lost (\(String(cString: strerror(errno))))", exitCode: nil),
                    accounting: Accounting(startedAt: startedAt, endedAt: Date(), nodeName: configuration.nodeName))
            }
            let now = clock.now
            if stopReason == nil, let wallDeadline, now >= wallDeadline, let wallTime = job.wallTime {
                stopReason = "wall time limit of \(wallTime) s exceeded"
                kill(-pid, SIGTERM)
                killDue = now + configuration.killGracePeriod
            }
            if now >= nextMemoryCheck, let sample = ProcessTreeMemory.sample(root: pid) {
                nextMemoryCheck = now + configuration.memoryCheckInterval
                let resident = sample.treeResidentKiB
                peakKiB = max(peakKiB, resident, sample.rootPeakKiB)
                if let memoryLimitKiB, resident > memoryLimitKiB, !killed {
                    stopReason = stopReason ?? "memory limit of \(memoryLimitKiB / 1024) MiB exceeded (\(resident / 1024) MiB resident)"
                    kill(-pid, SIGKILL)
                    killed = true
                }
            }
            if let due = cancellations.withLock({ $0[pid] }) { killDue = min(killDue ?? due, due) }
            if let due = killDue, now >= due, !killed {
                kill(-pid, SIGKILL)
                killed = true
            }
            try? await Task.sleep(for: pause)
            pause = min(pause * 2, configuration.pollInterval)
        }
        kill(-pid, SIGKILL)
        children.withLock { _ = $0.remove(pid) }
        cancellations.withLock { _ = $0.removeValue(forKey: pid) }
        let wait = WaitStatus(raw: status)
        let accounting = Accounting(
            startedAt: startedAt, endedAt: Date(), userCPUSeconds: Self.seconds(usage.ru_utime),
            systemCPUSeconds: Self.seconds(usage.ru_stime), maxResidentKiB: peakKiB > 0 ? peakKiB : nil,
            nodeName: configuration.nodeName)
        let outcome: JobOutcome
        if let stopReason {
            outcome = .failed(reason: stopReason, exitCode: wait.arcExitCode)
        } else if wait.signal == SIGXCPU, let cpuTime = job.cpuTime {
            outcome = .failed(reason: "CPU time limit of \(cpuTime) s exceeded", exitCode: wait.arcExitCode)
        } else {
            outcome = .exited(exitCode: wait.arcExitCode)
        }
        return ExecutionResult(outcome: outcome, accounting: accounting)
    }

    /// Watches a payload started by an earlier arkd process (nil: it is gone): only its existence
    /// can be seen.
    private func follow(adopted identity: ProcessIdentity?,
                        onStart: @escaping @Sendable () async -> Void) async throws(ExecutorError) -> ExecutionResult {
        guard let identity, identity.isAlive else {
            return ExecutionResult(
                outcome: .failed(reason: "arkd restarted and the job's process had already ended; its exit status is unknown", exitCode: nil),
                accounting: Accounting(nodeName: configuration.nodeName))
        }
        await onStart()
        var killSent = false
        while identity.isAlive {
            try Self.checkCancellation()
            if !killSent, let due = cancellations.withLock({ $0[identity.pid] }), ContinuousClock.now >= due {
                kill(-identity.pid, SIGKILL)
                killSent = true
            }
            try? await Task.sleep(for: configuration.pollInterval)
        }
        cancellations.withLock { _ = $0.removeValue(forKey: identity.pid) }
        return ExecutionResult(
            outcome: .failed(reason: "arkd restarted while the job ran; it was followed to its end but its exit status is unknown",
                             exitCode: nil),
            accounting: Accounting(endedAt: Date(), nodeName: configuration.nodeName))
    }

    // MARK: Cancel and release

    public func cancel(_ request: ExecutionRequest, handle text: String) async {
        guard let handle = LocalHandle(text) else { return }
        let identity = children.withLock({ $0.contains(handle.pid) })
            ? ProcessIdentity.current(pid: handle.pid)
            : identity(adopting: handle, for: request)
        guard let identity, identity.isAlive else { return }
        kill(-identity.pid, SIGTERM)
        let due = ContinuousClock.now + configuration.killGracePeriod
        cancellations.withLock { $0[identity.pid] = min($0[identity.pid] ?? due, due) }
    }

    public func release(_ request: ExecutionRequest, handle: String?) async {
        pidFile(request.jobID).remove()
    }

    // MARK: Helpers

    private func pidFile(_ id: JobID) -> PidFile {
        PidFile(path: configuration.runtimeDirectory + "/" + id.rawValue + ".pid", marker: startMarker)
    }

    /// In every payload's environment, with the job's id: how a payload whose pid or start time
    /// was not recorded is recognised.
    private static let jobIDVariable = "ARKD_JOB_ID"

    /// `ARKD_JOB_ID=<id>`, as it appears in `/proc/<pid>/environ`.
    private static func jobIDEntry(_ id: JobID) -> [UInt8] {
        Array((jobIDVariable + "=" + id.rawValue).utf8)
    }

    /// Observation stops when its task is cancelled (graceful shutdown); the payload keeps running
    /// and the next start adopts it.
    private static func checkCancellation() throws(ExecutorError) {
        if Task.isCancelled { throw ExecutorError("observation interrupted by shutdown", isTransient: true) }
    }

    private static func seconds(_ time: timeval) -> Double {
        Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000
    }

    /// A live payload of the job, for a start that was interrupted before its pid was recorded.
    static func process(withJobID id: JobID) -> ProcessIdentity? {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return nil }
        let entry = jobIDEntry(id)
        for name in entries {
            if let pid = Int32(name), let identity = ProcessIdentity.recognize(pid: pid, environmentEntry: entry) {
                return identity
            }
        }
        return nil
    }
}
