import ArkdEngine
import Foundation
import JobDescriptions

#if canImport(Glibc)
import Glibc
#endif

/// The local executor and a bare `posix_spawn`, both set up to start `/bin/true` in the same
/// session directory with the same file actions, attributes, argv and environment.
///
/// - `executorStart()` is `LocalExecutor.submit` of a `&(executable=/bin/true)` job with a fresh
///   job id: the pid file (a hard link to the start marker, which is also the check for an earlier
///   start), argv and environment, the spawn.
/// - `bareStart()` is only the `posix_spawn` call with the file actions and attributes built for it
///   (argv and environment strings are built once, beforehand).
///
/// Both return the pid; reaping it (`reap`) and the executor's `release` are up to the caller and
/// are never inside a measured region.
public final class SpawnBench: @unchecked Sendable {
    public let root: String
    public let session: String
    public let executor: LocalExecutor
    private let job: JobDescription
    private let bare: BareSpawn

    public init() throws {
        root = try EngineBench.temporaryDirectory("spawn")
        session = root + "/session"
        try FileManager.default.createDirectory(atPath: session, withIntermediateDirectories: true)
        executor = try LocalExecutor(configuration: LocalExecutor.Configuration(runtimeDirectory: root + "/run"))
        guard let parsed = try? JobDescriptionParser().parse(Array("&(executable=/bin/true)".utf8)).first else {
            fatalError("cannot parse the /bin/true job")
        }
        job = parsed
        let id = JobID.random().rawValue
        bare = BareSpawn(
            executable: "/bin/true", arguments: [],
            environment: [
                ("PATH", "/usr/local/bin:/usr/bin:/bin"), ("HOME", session), ("PWD", session), ("TMPDIR", "/tmp"),
                ("ARKD_JOB_ID", id), ("ARKD_SESSION_DIR", session), ("ARKD_SLOTS", "1"),
            ],
            workingDirectory: session)
    }

    /// A request for a job the executor has not seen.
    public func request() -> ExecutionRequest {
        ExecutionRequest(jobID: JobID.random(), description: job, sessionDirectory: session)
    }

    /// `LocalExecutor.submit(request)`; returns the handle.
    @inline(never)
    public func executorStart(_ request: ExecutionRequest) async throws -> String {
        try await executor.submit(request)
    }

    /// The bare `posix_spawn`; returns the pid.
    @inline(never)
    public func bareStart() -> pid_t {
        bare.spawn()
    }

    /// The pid in a local executor handle (`local:<pid>`, or `local:<pid>:<start ticks>`).
    public static func pid(of handle: String) -> pid_t {
        let parts = handle.split(separator: ":")
        guard parts.count >= 2, parts[0] == "local", let pid = pid_t(parts[1]) else { fatalError("not a local handle: \(handle)") }
        return pid
    }

    /// Waits for the child and checks that `/bin/true` exited with 0.
    public static func reap(_ pid: pid_t) {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { fatalError("waitpid(\(pid)): \(String(cString: strerror(errno)))") }
        }
        precondition(status == 0, "/bin/true ended with wait status \(status)")
    }

    /// Reaps the executor's payload and lets the executor forget the job (removes its pid file).
    public func finish(_ request: ExecutionRequest, handle: String) async {
        Self.reap(Self.pid(of: handle))
        await executor.release(request, handle: handle)
    }

    public func removeFiles() {
        try? FileManager.default.removeItem(atPath: root)
    }
}

/// What `posix_spawn` needs and nothing more: the file actions and attributes of arkd's
/// `ProcessSpawner` (chdir, stdin/stdout/stderr on /dev/null, close everything from 3, own process
/// group, empty signal mask, default handlers) with argv and envp built once.
final class BareSpawn: @unchecked Sendable {
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> CInt
    private typealias AddClosefrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, CInt) -> CInt

    private let executable: String
    private let workingDirectory: String
    private let argv: [UnsafeMutablePointer<CChar>?]
    private let envp: [UnsafeMutablePointer<CChar>?]
    private let addChdir: AddChdir
    private let addClosefrom: AddClosefrom

    init(executable: String, arguments: [String], environment: [(String, String)], workingDirectory: String) {
        self.executable = executable
        self.workingDirectory = workingDirectory
        argv = ([executable] + arguments).map { strdup($0) } + [nil]
        envp = environment.map { strdup("\($0.0)=\($0.1)") } + [nil]
        guard let handle = dlopen(nil, RTLD_NOW),
              let chdir = dlsym(handle, "posix_spawn_file_actions_addchdir_np"),
              let closefrom = dlsym(handle, "posix_spawn_file_actions_addclosefrom_np")
        else { fatalError("glibc 2.34+ is needed") }
        addChdir = unsafeBitCast(chdir, to: AddChdir.self)
        addClosefrom = unsafeBitCast(closefrom, to: AddClosefrom.self)
    }

    deinit {
        argv.forEach { free($0) }
        envp.forEach { free($0) }
    }

    func spawn() -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        _ = addChdir(&actions, workingDirectory)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        _ = addClosefrom(&actions, 3)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else { fatalError("posix_spawn: \(String(cString: strerror(result)))") }
        return pid
    }
}
