#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin, errno-preserving wrappers over the POSIX calls staging needs. Synchronous: call them
/// through `BlockingIO.run`.
enum LocalFileSystem {
    /// The canonical absolute path with every symlink, `.` and `..` resolved.
    static func realPath(_ path: String) throws(SystemCallError) -> String {
        guard let resolved = realpath(path, nil) else {
            throw SystemCallError("realpath", path: path, errno: errno)
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// True when `path` (already canonical) is `root` or inside it. Compares whole components, so
    /// `/data2` is not under `/data`.
    static func isPath(_ path: String, under root: String) -> Bool {
        if root == "/" { return path.hasPrefix("/") }
        return path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    /// The first of `roots` (canonicalised; missing ones skipped) that contains the canonical `path`.
    static func allowedRoot(containing path: String, roots: [String]) -> String? {
        for root in roots {
            guard let canonical = try? realPath(root) else { continue }
            if isPath(path, under: canonical) { return canonical }
        }
        return nil
    }

    /// Creates each missing directory of `components` below `base`, refusing to pass through a
    /// symlink (the session directory is the job's; a link there must not steer writes elsewhere).
    /// Returns the deepest directory's path.
    static func makeDirectories(_ components: some Sequence<String>, under base: String, owner: FileOwner?)
        throws(SystemCallError) -> String
    {
        var path = base
        for component in components {
            path += "/" + component
            if mkdir(path, 0o755) == 0 {
                if let owner { _ = lchown(path, owner.uid, owner.gid) }
                continue
            }
            let failure = errno
            guard failure == EEXIST else { throw SystemCallError("mkdir", path: path, errno: failure) }
            var info = stat()
            guard lstat(path, &info) == 0 else { throw SystemCallError("lstat", path: path, errno: errno) }
            guard info.st_mode & S_IFMT == S_IFDIR else { throw SystemCallError("mkdir", path: path, errno: ENOTDIR) }
        }
        return path
    }

    /// Makes a rename in `directory` durable: without this a crash can lose the new name even
    /// though the file's data was fsync'd.
    static func syncDirectory(_ directory: String) throws(SystemCallError) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw SystemCallError("open", path: directory, errno: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw SystemCallError("fsync", path: directory, errno: errno) }
    }

    /// Opens a regular file for reading without following a final symlink, and returns the
    /// descriptor and size. `path` should already be canonical.
    static func openRegularFile(_ path: String) throws(SystemCallError) -> (fd: Int32, size: Int64) {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw SystemCallError("open", path: path, errno: errno) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let failure = errno
            close(fd)
            throw SystemCallError("fstat", path: path, errno: failure)
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw SystemCallError("open", path: path, errno: info.st_mode & S_IFMT == S_IFDIR ? EISDIR : EINVAL)
        }
        return (fd, Int64(info.st_size))
    }

    /// Owner and group of `path`.
    static func owner(of path: String) throws(SystemCallError) -> FileOwner {
        var info = stat()
        guard stat(path, &info) == 0 else { throw SystemCallError("stat", path: path, errno: errno) }
        return FileOwner(uid: info.st_uid, gid: info.st_gid)
    }

    /// Reads up to `count` bytes at `offset`, retrying on EINTR.
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int64, path: String)
        throws(SystemCallError) -> Int
    {
        while true {
            let got = pread(fd, buffer.baseAddress, buffer.count, off_t(offset))
            if got >= 0 { return got }
            let failure = errno
            guard failure == EINTR else { throw SystemCallError("read", path: path, errno: failure) }
        }
    }

    /// Asks the kernel to start writing `length` bytes at `offset` of `fd` to disk, without waiting
    /// for them (Linux `sync_file_range(SYNC_FILE_RANGE_WRITE)`). Best effort: errors are ignored,
    /// and elsewhere it does nothing. A later fsync then has only the rest to wait for.
    static func startWriteback(_ fd: Int32, offset: Int64, length: Int64) {
        #if os(Linux)
        _ = syncFileRange?(fd, off_t(offset), off_t(length), 2 /* SYNC_FILE_RANGE_WRITE */)
        #endif
    }

    #if os(Linux)
    private typealias SyncFileRange = @convention(c) (Int32, off_t, off_t, UInt32) -> Int32
    /// Looked up at run time: the C library declares it only under `_GNU_SOURCE`, which Swift's
    /// module for it does not define.
    private static let syncFileRange: SyncFileRange? = {
        guard let handle = dlopen(nil, RTLD_NOW), let pointer = dlsym(handle, "sync_file_range") else { return nil }
        return unsafeBitCast(pointer, to: SyncFileRange.self)
    }()
    #endif

    /// Writes all of `bytes`, retrying on EINTR and short writes, so errno (ENOSPC, EDQUOT, EFBIG)
    /// surfaces exactly.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(SystemCallError) {
        var written = 0
        while written < bytes.count {
            let result = write(fd, bytes.baseAddress.map { $0 + written }, bytes.count - written)
            if result > 0 {
                written += result
            } else if result < 0, errno == EINTR {
                continue
            } else {
                throw SystemCallError("write", path: path, errno: result < 0 ? errno : EIO)
            }
        }
    }
}
