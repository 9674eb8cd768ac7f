import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file being written under a hidden temporary name beside its final name
/// (`.name.arkd-partial-<random>`), so a half-written or unverified file is never visible under the
/// name a job will open.
///
/// `commit` makes it durable and visible (fsync, chmod, rename, fsync of the directory); anything
/// else that ends the write removes the temporary file. Use it through `PartialFile.write(…)`, which
/// guarantees the removal.
final class PartialFile {
    let directory: String
    let finalPath: String
    let temporaryPath: String
    private let fd: Int32
    private let owner: FileOwner?
    private var isOpen = true
    private var isCommitted = false
    /// Bytes appended so far, and the offset up to which the kernel was asked to write them back.
    private var appended: Int64 = 0
    private var writebackRequested: Int64 = 0

    /// Writeback of the data is started every this many bytes, so the disk writes while the rest
    /// arrives and the fsync in `commit` waits for the last stretch only, not the whole file.
    static let writebackInterval: Int64 = 8 << 20

    private init(directory: String, finalPath: String, temporaryPath: String, fd: Int32, owner: FileOwner?) {
        self.directory = directory
        self.finalPath = finalPath
        self.temporaryPath = temporaryPath
        self.fd = fd
        self.owner = owner
    }

    /// Creates the temporary file in `directory`, runs `body` with it, and removes the temporary
    /// file unless `body` committed it, whether `body` returned, threw or was cancelled.
    static func write<T>(
        in directory: String, finalName: String, owner: FileOwner?,
        _ body: (PartialFile) async throws(TransferFailure) -> T
    ) async throws(TransferFailure) -> T {
        let file = try await create(in: directory, finalName: finalName, owner: owner)
        do {
            let value = try await body(file)
            file.discardUnlessCommitted()
            return value
        } catch {
            file.discardUnlessCommitted()
            throw error
        }
    }

    private static func create(in directory: String, finalName: String, owner: FileOwner?)
        async throws(TransferFailure) -> PartialFile
    {
        let stem = String(decoding: finalName.utf8.prefix(200), as: UTF8.self)
        let finalPath = directory + "/" + finalName
        let opened = try await BlockingIO.run { () throws(SystemCallError) -> (Int32, String) in
            for _ in 0..<8 {
                let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
                let path = directory + "/." + stem + ".arkd-partial-" + suffix
                let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
                if fd >= 0 { return (fd, path) }
                let failure = errno
                guard failure == EEXIST else { throw SystemCallError("create", path: path, errno: failure) }
            }
            throw SystemCallError("create", path: directory + "/." + stem + ".arkd-partial-*", errno: EEXIST)
        }
        return PartialFile(directory: directory, finalPath: finalPath, temporaryPath: opened.1, fd: opened.0,
                           owner: owner)
    }

    /// Appends `buffer` to the file.
    func append(_ buffer: ByteBuffer) async throws(TransferFailure) {
        let fd = fd
        let path = temporaryPath
        let end = appended + Int64(buffer.readableBytes)
        let pending = writebackRequested
        let startWriteback = end - pending >= Self.writebackInterval
        try await BlockingIO.run { () throws(SystemCallError) in
            try buffer.withUnsafeReadableBytes { (bytes) throws(SystemCallError) in
                try LocalFileSystem.writeAll(fd, bytes, path: path)
            }
            if startWriteback {
                LocalFileSystem.startWriteback(fd, offset: pending, length: end - pending)
            }
        }
        appended = end
        if startWriteback { writebackRequested = end }
    }

    /// Flushes the data to disk, sets the mode (and owner), renames the file to its final name and
    /// flushes the directory, so after a crash the file is either complete or absent.
    func commit(executable: Bool) async throws(TransferFailure) {
        try Self.checkNotCancelled()
        let fd = fd
        let temporaryPath = temporaryPath
        let finalPath = finalPath
        let directory = directory
        let owner = owner
        try await BlockingIO.run { () throws(SystemCallError) in
            guard fsync(fd) == 0 else { throw SystemCallError("fsync", path: temporaryPath, errno: errno) }
            guard fchmod(fd, executable ? 0o755 : 0o644) == 0 else {
                throw SystemCallError("chmod", path: temporaryPath, errno: errno)
            }
            if let owner, fchown(fd, owner.uid, owner.gid) != 0 {
                throw SystemCallError("chown", path: temporaryPath, errno: errno)
            }
        }
        // Last chance to stop: after the rename the file is visible under its final name.
        try Self.checkNotCancelled()
        try await BlockingIO.run { () throws(SystemCallError) in
            guard rename(temporaryPath, finalPath) == 0 else {
                throw SystemCallError("rename", path: finalPath, errno: errno)
            }
        }
        isCommitted = true
        closeOnce()
        try await BlockingIO.run { () throws(SystemCallError) in try LocalFileSystem.syncDirectory(directory) }
    }

    /// Closes and unlinks the temporary file; synchronous so it also runs in a cancelled task.
    private func discardUnlessCommitted() {
        closeOnce()
        if !isCommitted {
            unlink(temporaryPath)
        }
    }

    private func closeOnce() {
        guard isOpen else { return }
        isOpen = false
        close(fd)
    }

    private static func checkNotCancelled() throws(TransferFailure) {
        if Task.isCancelled { throw TransferFailure(.cancelled) }
    }
}
