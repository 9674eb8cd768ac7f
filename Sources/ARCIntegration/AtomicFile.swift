import Foundation
import Glibc

/// Replaces a file so that a reader (A-REX) sees either no file or the complete new one, never a
/// part: the bytes go to a temporary file in the same directory, are flushed to disk, and the
/// temporary file is renamed over the target in one step.
///
/// A process killed half-way leaves at most the temporary file, which the next write of the same
/// target reuses and renames away. Its name is fixed (`.<name>.arkd-tmp`, hidden and outside
/// A-REX's `job.*` patterns) because only one scan runs at a time (`ScanLock`), so no two writers
/// share it. The directory is not flushed: after a power loss the rename may be lost, in which case
/// the target is simply absent and the next scan writes it again.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644, sync: Bool = true)
        throws(ARCFileError)
    {
        let temporary = temporaryPath(for: path)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw ARCFileError(operation: "create", path: temporary, code: errno) }
        do throws(ARCFileError) {
            // The umask must not narrow what A-REX can read.
            guard fchmod(descriptor, mode) == 0 else { throw ARCFileError(operation: "chmod", path: temporary, code: errno) }
            try PlainFile.writeAll(bytes, to: descriptor, path: temporary)
            if sync, fsync(descriptor) != 0 { throw ARCFileError(operation: "flush", path: temporary, code: errno) }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        guard close(descriptor) == 0 else {
            let code = errno
            unlink(temporary)
            throw ARCFileError(operation: "close", path: temporary, code: code)
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw ARCFileError(operation: "rename into place", path: path, code: code)
        }
    }

    /// `<dir>/.<name>.arkd-tmp`.
    static func temporaryPath(for path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return ".\(path).arkd-tmp" }
        return "\(path[...slash]).\(path[path.index(after: slash)...]).arkd-tmp"
    }
}
