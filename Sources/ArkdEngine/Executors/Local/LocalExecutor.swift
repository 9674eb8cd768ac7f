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
/// ARC: a signal N is 256+N. A payload that outlives an arkd restart is adopted by pid and start
/// time; since only its parent can learn its exit status, it is reported failed with that reason
/// once it ends, never as a success.
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
    /// Payloads this process started, which it alone can reap.
    private let children = Mutex<Set<Int32>>([])
    /// Payloads asked to stop, with the instant their KILL is due.
    private let cancellations = Mutex<[Int32: ContinuousClock.Instant]>([:])

    public init(configuration: Configuration) throws {
        self.configuration = configuration
        try FileManager.default.createDirectory(atPath: configuration.runtimeDirectory, withIntermediateDirectories: true)
    }

    // MARK: Submit

    public func submit(_ request: ExecutionRequest) async throws(ExecutorError) -> String {
        let pidFile = path(request.jobID, "pid")
        let marker = path(request.jobID, "starting")
        if let handle = RuntimeFiles.read(pidFile), ProcessIdentity(handle: handle) != nil {
            return handle
        }
        if access(marker, F_OK) == 0 {
            guard let found = Self.process(withJobID: request.jobID) else {
                throw ExecutorError("an earlier start was interrupted and no process of it remains; not starting the job twice")
            }
            try RuntimeFiles.replace(pidFile, with: found.description)
            return found.description
        }
        // The marker exists from before the spawn until it is renamed to the pid file with the
        // handle in it, so at every instant one of the two tells a restarted arkd what happened.
        let starting = try RuntimeFiles.StartMarker(creating: marker)
        let pid: Int32
        do throws(ExecutorError) {
            pid = try spawner(for: request).spawn()
        } catch {
            starting.abandon()
            throw error
        }
        children.withLock { _ = $0.insert(pid) }
        if let cpuTime = request.description.cpuTime {
            var limit = rlimit(rlim_cur: rlim_t(cpuTime), rlim_max: rlim_t(cpuTime) + 5)
            _ = GlibcExtensions.prlimit?(pid, CInt(RLIMIT_CPU.rawValue), &limit, nil)
        }
        let identity = ProcessIdentity.current(pid: pid) ?? ProcessIdentity(pid: pid, startTicks: 0)
        try starting.complete(with: identity.description, as: pidFile)
        return identity.description
    }

    private func spawner(for request: ExecutionRequest) throws(ExecutorError) -> ProcessSpawner {
        let job = request.description
        let session = request.sessionDirectory
        guard let executable = job.executable, !executable.isEmpty else {
            throw ExecutorError("the job names no executable")
        }
        let program = executable.hasPrefix("/") ? executable : session + "/" + executable
        guard access(program, X_OK) == 0 else {
            throw ExecutorError("executable '\(executable)' \(access(program, F_OK) == 0 ? "is not executable" : "does not exist")")
        }
        var environment: [(String, String)] = [
            ("PATH", "/usr/local/bin:/usr/bin:/bin"), ("HOME", session), ("PWD", session), ("TMPDIR", "/tmp"),
            ("ARKD_JOB_ID", request.jobID.rawValue), ("ARKD_SESSION_DIR", session),
            ("ARKD_SLOTS", String(max(job.count ?? 1, 1))),
        ]
        environment += job.environment.map { ($0.name, $0.value) }
        func inSession(_ name: String?) -> String? { name.map { session + "/" + $0 } }
        return ProcessSpawner(
            executable: program, arguments: job.arguments, environment: environment, workingDirectory: session,
            stdin: inSession(job.stdin), stdout: inSession(job.stdout), stderr: inSession(job.stderr),
            joinStderr: job.join || (job.stdout != nil && job.stdout == job.stderr))
    }

    // MARK: Observe

    public func observe(_ request: ExecutionRequest, handle: String,
                        onStart: @escaping @Sendable () async -> Void) async throws(ExecutorError) -> ExecutionResult {
        guard let identity = ProcessIdentity(handle: handle) else {
            throw ExecutorError("'\(handle)' is not a local process handle")
        }
        if children.withLock({ $0.contains(identity.pid) }) {
            return try await follow(child: identity.pid, request: request, onStart: onStart)
        }
        return try await follow(adopted: identity, onStart: onStart)
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

    /// Watches a payload started by an earlier arkd process: only its existence can be seen.
    private func follow(adopted identity: ProcessIdentity,
                        onStart: @escaping @Sendable () async -> Void) async throws(ExecutorError) -> ExecutionResult {
        guard identity.isAlive else {
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

    public func cancel(_ request: ExecutionRequest, handle: String) async {
        guard let identity = ProcessIdentity(handle: handle), identity.isAlive else { return }
        kill(-identity.pid, SIGTERM)
        let due = ContinuousClock.now + configuration.killGracePeriod
        cancellations.withLock { $0[identity.pid] = min($0[identity.pid] ?? due, due) }
    }

    public func release(_ request: ExecutionRequest, handle: String?) async {
        try? FileManager.default.removeItem(atPath: path(request.jobID, "pid"))
        try? FileManager.default.removeItem(atPath: path(request.jobID, "starting"))
    }

    // MARK: Helpers

    private func path(_ id: JobID, _ kind: String) -> String {
        configuration.runtimeDirectory + "/" + id.rawValue + "." + kind
    }

    /// Observation stops when its task is cancelled (graceful shutdown); the payload keeps running
    /// and the next start adopts it.
    private static func checkCancellation() throws(ExecutorError) {
        if Task.isCancelled { throw ExecutorError("observation interrupted by shutdown", isTransient: true) }
    }

    private static func seconds(_ time: timeval) -> Double {
        Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000
    }

    /// A live process whose environment names the job, for a start that was interrupted before
    /// its pid was recorded.
    static func process(withJobID id: JobID) -> ProcessIdentity? {
        let needle = Array("ARKD_JOB_ID=\(id.rawValue)".utf8)
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return nil }
        for entry in entries {
            guard let pid = Int32(entry),
                  let environment = FileManager.default.contents(atPath: "/proc/\(pid)/environ")
            else { continue }
            let matches = environment.split(separator: 0).contains { Array($0) == needle }
            if matches, let identity = ProcessIdentity.current(pid: pid), identity.isAlive { return identity }
        }
        return nil
    }
}
