#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A job's session directory, resolved once per call: its canonical path (so symlink checks
/// compare like with like) and the owner that new files and directories should get.
struct SessionDirectory: Sendable {
    let path: String
    /// Set when the daemon runs as root and the directory belongs to the job's account: staged
    /// files are given to that account so the job can replace or delete them.
    let owner: FileOwner?

    static func resolve(_ directory: String) async throws(TransferFailure) -> SessionDirectory {
        do throws(TransferFailure) {
            return try await BlockingIO.run { () throws(SystemCallError) -> SessionDirectory in
                let path = try LocalFileSystem.realPath(directory)
                let owner = try LocalFileSystem.owner(of: path)
                let isRoot = geteuid() == 0
                return SessionDirectory(path: path, owner: isRoot && owner.uid != 0 ? owner : nil)
            }
        } catch {
            if case .localIO = error.code {
                throw TransferFailure(.localIO("the session directory '\(directory)' cannot be used: \(error.code.message)"))
            }
            throw error
        }
    }

    /// The canonical path of `name` inside this directory, provided it does not resolve outside
    /// it through a symlink. For output files, which the job itself created.
    func resolveExisting(_ name: SessionName, displayName: String) throws(TransferFailure) -> String {
        let candidate = path + "/" + name.relativePath
        let resolved: String
        do throws(SystemCallError) {
            resolved = try LocalFileSystem.realPath(candidate)
        } catch {
            if error.errno == ENOENT || error.errno == ENOTDIR {
                throw TransferFailure(.localFileMissing(path: displayName))
            }
            throw TransferFailure(error.code)
        }
        guard LocalFileSystem.isPath(resolved, under: path), resolved != path else {
            throw TransferFailure(.notAllowed("'\(displayName)' is a symlink that leads outside the session directory"))
        }
        return resolved
    }
}
