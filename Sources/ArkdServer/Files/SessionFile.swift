#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import NIOCore
import NIOPosix

/// A file inside a job's session directory, opened so that it cannot be anywhere else: every
/// component is opened relative to the one before with `O_NOFOLLOW`, so neither `..` nor a
/// symbolic link the job created can lead out, whatever happens to the tree meanwhile.
final class SessionFile: Sendable {
    let descriptor: Int32
    let size: Int

    private init(descriptor: Int32, size: Int) {
        self.descriptor = descriptor
        self.size = size
    }

    deinit {
        close(descriptor)
    }

    /// The path's components, percent-decoded and checked: no empty, `.` or `..` component, no
    /// `/` or NUL inside one.
    static func components(of raw: [Substring]) throws(APIError) -> [String] {
        guard !raw.isEmpty else { throw APIError.badRequest("name a file after /files/") }
        var components: [String] = []
        for part in raw {
            guard let decoded = String(part).removingPercentEncoding else {
                throw APIError.badRequest("the file path has an invalid percent escape in '\(part)'")
            }
            guard !decoded.isEmpty, decoded != ".", decoded != "..", !decoded.contains("/"), !decoded.contains("\0")
            else {
                throw APIError(.badRequest, code: "invalid_path",
                               "file paths are relative to the session directory: no '.', '..' or empty components")
            }
            components.append(decoded)
        }
        return components
    }

    /// Opens `components` below `root` for reading.
    static func opening(root: String, components: [String]) throws(APIError) -> SessionFile {
        var directory = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { throw failure(errno, name: "the session directory") }
        for component in components.dropLast() {
            let next = openat(directory, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            var error = errno
            if next < 0, error == ENOTDIR, isSymbolicLink(component, in: directory) { error = ELOOP }
            close(directory)
            guard next >= 0 else { throw failure(error, name: component) }
            directory = next
        }
        let name = components.last ?? "."
        let file = openat(directory, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        let openError = errno
        close(directory)
        guard file >= 0 else { throw failure(openError, name: name) }
        var status = stat()
        guard fstat(file, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            close(file)
            throw APIError(.notFound, code: "not_a_file", "'\(components.joined(separator: "/"))' is not a regular file")
        }
        return SessionFile(descriptor: file, size: Int(status.st_size))
    }

    /// With `O_DIRECTORY`, Linux reports a symbolic link as "not a directory"; this tells the two apart.
    private static func isSymbolicLink(_ name: String, in directory: Int32) -> Bool {
        var status = stat()
        return fstatat(directory, name, &status, AT_SYMLINK_NOFOLLOW) == 0 && status.st_mode & S_IFMT == S_IFLNK
    }

    private static func failure(_ error: Int32, name: String) -> APIError {
        switch error {
        case ELOOP:
            APIError(.forbidden, code: "outside_session",
                     "'\(name)' is a symbolic link; only files inside the session directory are served")
        case ENOTDIR:
            APIError(.notFound, code: "not_found", "'\(name)' is not a directory")
        case ENOENT:
            APIError(.notFound, code: "not_found", "no file '\(name)' in the session directory")
        case EACCES:
            APIError(.forbidden, code: "forbidden", "arkd may not read '\(name)'")
        default:
            APIError(.internalServerError, code: "internal", "cannot open '\(name)': \(String(cString: strerror(error)))")
        }
    }

    /// Reads the next chunk at `offset` on the blocking pool; empty at the end.
    func read(at offset: Int, count: Int) async throws -> ByteBuffer {
        try await NIOThreadPool.singleton.runIfActive { [descriptor] in
            var buffer = ByteBuffer()
            _ = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { pointer in
                let result = pread(descriptor, pointer.baseAddress, count, off_t(offset))
                guard result >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                return result
            }
            return buffer
        }
    }
}
