import Foundation
import Glibc

/// Wakes A-REX up for jobs whose `lrms_done` was just written, so that it moves them on at once
/// rather than at its next poll (`[arex] wakeupperiod`, 180 s by default; spec §3.3, step 4).
///
/// `gm-kick` takes `-j <ID>` any number of times, so one process wakes A-REX for many jobs of one
/// control directory: a scan that finishes thousands of jobs starts a handful of processes, not
/// thousands. A site without ARC's `gm-kick` (tests, a development host) is skipped silently; A-REX
/// then notices the jobs at its next poll.
public struct GMKick: Sendable {
    public static let defaultPath = "/usr/lib/arc/gm-kick"

    public var path: String
    /// Job ids per `gm-kick` process, well inside the kernel's argument size limit.
    public var batchSize: Int

    public init(path: String = GMKick.defaultPath, batchSize: Int = 500) {
        self.path = path
        self.batchSize = max(1, batchSize)
    }

    /// Each `gm-kick` argument list (without the program) for these jobs of one directory.
    public func argumentLists(for ids: [String], in directory: ControlDirectory) -> [[String]] {
        stride(from: 0, to: ids.count, by: batchSize).map { start in
            let batch = ids[start..<min(start + batchSize, ids.count)]
            return batch.flatMap { ["-j", $0] } + [directory.kickTarget(job: batch[batch.startIndex])]
        }
    }

    /// Runs `gm-kick` for the jobs and waits for it; returns a problem per failed run.
    public func kick(_ ids: [String], in directory: ControlDirectory) -> [String] {
        guard !ids.isEmpty, access(path, X_OK) == 0 else { return [] }
        return argumentLists(for: ids, in: directory).compactMap { arguments in
            do {
                let status = try Self.run(path, arguments)
                return status == 0 ? nil : "\(path) exited with status \(status) for \(directory.path)"
            } catch {
                return "\(error)"
            }
        }
    }

    /// Starts the program with an empty signal mask and default signal handling (the scan may have
    /// inherited A-REX's nearly all-blocked mask, spec §3.1), stdin from /dev/null, and waits.
    static func run(_ program: String, _ arguments: [String]) throws(ARCFileError) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let started = posix_spawn(&pid, program, &actions, &attributes, argv, environ)
        guard started == 0 else { throw ARCFileError(operation: "run", path: program, code: started) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw ARCFileError(operation: "wait for", path: program, code: errno) }
        }
        // WIFEXITED / WEXITSTATUS, which Swift does not import as functions.
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }
}
