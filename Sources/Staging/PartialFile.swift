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
/// `commit` makes it visible (chmod, close, rename), and with `syncToDisk` durable too (fsync before
/// the rename, and of the directory after it); anything else that ends the write removes the
/// temporary file. Use it through `PartialFile.write(…)`, which guarantees the removal.
final class PartialFile {
    let directory: String
    let finalPath: String
    let temporaryPath: String
    private let fd: Int32
    private let owner: FileOwner?
    /// See `StagingConfiguration.syncInputsToDisk`.
    private let syncToDisk: Bool
    private var isOpen = true
    private var isCommitted = false
    /// Bytes appended so far, and the offset up to which the kernel was asked to write them back.
    private var appended: Int64 = 0
    private var writebackRequested: Int64 = 0

    /// With `syncToDisk`, writeback of the data is started every this many bytes, so the disk
    /// writes while the rest arrives and the fsync in `commit` waits for the last stretch only, not
    /// the whole file. Without, writeback is left to the kernel, as for any other writer: the hint
    /// made a download wait for the disk (`sync_file_range` blocks while the device queue is
    /// full), about 0.7 × curl's rate instead of 1 × (Benchmarks/README.md, "Engine benchmarks").
    static let writebackInterval: Int64 = 8 << 20

    private init(directory: String, finalPath: String, temporaryPath: String, fd: Int32, owner: FileOwner?,
                 syncToDisk: Bool) {
        self.directory = directory
        self.finalPath = finalPath
        self.temporaryPath = temporaryPath
        self.fd = fd
        self.owner = owner
        self.syncToDisk = syncToDisk
    }

    /// Creates the temporary file in `directory`, runs `body` with it, and removes the temporary
    /// file unless `body` committed it, whether `body` returned, threw or was cancelled.
    static func write<T>(
        in directory: String, finalName: String, owner: FileOwner?, syncToDisk: Bool,
        _ body: (PartialFile) async throws(TransferFailure) -> T
    ) async throws(TransferFailure) -> T {
        let file = try await create(in: directory, finalName: finalName, owner: owner, syncToDisk: syncToDisk)
        do {
            let value = try await body(file)
            file.discardUnlessCommitted()
            return value
        } catch {
            file.discardUnlessCommitted()
            throw error
        }
    }

    private static func create(in directory: String, finalName: String, owner: FileOwner?, syncToDisk: Bool)
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
                           owner: owner, syncToDisk: syncToDisk)
    }

    /// Appends `buffer` to the file.
    func append(_ buffer: ByteBuffer) async throws(TransferFailure) {
        let fd = fd
        let path = temporaryPath
        let end = appended + Int64(buffer.readableBytes)
        let pending = writebackRequested
        let startWriteback = syncToDisk && end - pending >= Self.writebackInterval
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

    /// Sets the mode (and owner), closes the file and renames it to its final name. With
    /// `syncToDisk` the data is flushed to disk first and the directory after the rename, so after
    /// a power loss the file is either complete or absent; without, that holds for a crash of arkd
    /// only (see `StagingConfiguration.syncInputsToDisk`). The close is checked: on a network file
    /// system it is where a failed write-back shows.
    func commit(executable: Bool) async throws(TransferFailure) {
        try Self.checkNotCancelled()
        let syncToDisk = syncToDisk
        let fd = fd
        let temporaryPath = temporaryPath
        let finalPath = finalPath
        let directory = directory
        let owner = owner
        // The body below always closes the descriptor, even when it fails.
        isOpen = false
        try await BlockingIO.run { () throws(SystemCallError) in
            var failure: SystemCallError?
            if syncToDisk, fsync(fd) != 0 {
                failure = SystemCallError("fsync", path: temporaryPath, errno: errno)
            } else if fchmod(fd, executable ? 0o755 : 0o644) != 0 {
                failure = SystemCallError("chmod", path: temporaryPath, errno: errno)
            } else if let owner, fchown(fd, owner.uid, owner.gid) != 0 {
                failure = SystemCallError("chown", path: temporaryPath, errno: errno)
            }
            if close(fd) != 0, failure == nil {
                failure = SystemCallError("close", path: temporaryPath, errno: errno)
            }
            if let failure { throw failure }
        }
        // Last chance to stop: after the rename the file is visible under its final name.
        try Self.checkNotCancelled()
        try await BlockingIO.run { () throws(SystemCallError) in
            guard rename(temporaryPath, finalPath) == 0 else {
                throw SystemCallError("rename", path: finalPath, errno: errno)
            }
        }
        isCommitted = true
        if syncToDisk {
            try await BlockingIO.run { () throws(SystemCallError) in try LocalFileSystem.syncDirectory(directory) }
        }
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
