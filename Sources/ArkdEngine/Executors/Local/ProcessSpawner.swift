#if canImport(Glibc)
import Glibc
#endif

/// Starts one payload process with `posix_spawn`: in its own process group (so a cancel reaches
/// everything it forks), with a clean signal mask and default handlers (A-REX's threads block most
/// signals and children would inherit that), its standard streams on files, and no inherited
/// descriptors.
struct ProcessSpawner {
    var executable: String
    var arguments: [String]
    var environment: [(String, String)]
    var workingDirectory: String
    /// Absolute paths; nil means `/dev/null`.
    var stdin: String?
    var stdout: String?
    var stderr: String?
    /// stderr goes to the stdout file.
    var joinStderr: Bool

    func spawn() throws(ExecutorError) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }

        guard let addChdir = GlibcExtensions.addChdir, let addClosefrom = GlibcExtensions.addClosefrom else {
            throw ExecutorError("this C library lacks posix_spawn_file_actions_addchdir_np/addclosefrom_np (glibc 2.34+ is needed)")
        }
        guard addChdir(&actions, workingDirectory) == 0 else {
            throw ExecutorError("cannot use '\(workingDirectory)' as the working directory")
        }
        posix_spawn_file_actions_addopen(&actions, 0, stdin ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if joinStderr {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, stderr ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        _ = addClosefrom(&actions, 3)

        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.0)=\($0.1)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw ExecutorError("cannot start '\(executable)': \(String(cString: strerror(result)))")
        }
        return pid
    }
}
