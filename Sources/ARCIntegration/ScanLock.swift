import Glibc

/// Keeps two scans from working on one control directory at once (pitfall 7): A-REX restarts its
/// helper only after it exited, but an operator may run a scan by hand meanwhile. The lock is a
/// `flock` on the directory itself, so nothing is created in A-REX's control directory, and the
/// kernel releases it when the process ends, however it ends.
public final class ScanLock: Sendable {
    private let descriptor: Int32

    /// Locks the directory, or returns nil when another process holds the lock.
    public init?(directory: String) throws(ARCFileError) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ARCFileError(operation: "open", path: directory, code: errno) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            if code == EWOULDBLOCK { return nil }
            throw ARCFileError(operation: "lock", path: directory, code: code)
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Opens and locks each control directory. Directories that are missing, or locked by another
    /// scan, are left out with a line in `problems`; `locks` must be kept for the whole pass.
    public static func acquire(_ paths: [String]) -> (directories: [ControlDirectory], locks: [ScanLock], problems: [String]) {
        var result: (directories: [ControlDirectory], locks: [ScanLock], problems: [String]) = ([], [], [])
        for path in paths {
            do {
                let directory = try ControlDirectory.open(path)
                guard let lock = try ScanLock(directory: directory.path) else {
                    result.problems.append("\(path): another scan is working on this control directory; skipped")
                    continue
                }
                result.directories.append(directory)
                result.locks.append(lock)
            } catch {
                result.problems.append("\(path): \(error)")
            }
        }
        return result
    }
}
