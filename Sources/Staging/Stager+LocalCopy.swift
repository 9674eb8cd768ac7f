#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension Stager {
    /// Copies the regular file at `path` into `destination` the same way a download is written
    /// (partial file, cap, checksum, rename). `displayPath` is the path as the request gave
    /// it, for messages. Returns the file's size.
    func copy(
        from path: String, displayPath: String, to destination: Destination,
        report: @escaping @Sendable (_ bytes: Int64, _ total: Int64?) -> Void
    ) async throws(TransferFailure) -> Int64 {
        let source = try await openSource(path, displayPath: displayPath)
        defer { close(source.fd) }
        if let limit = destination.limit, source.size > limit {
            throw TransferFailure(.tooLarge(limit: limit))
        }
        let chunks = FileChunks(fd: source.fd, path: path, length: source.size, chunkSize: configuration.chunkSize,
                                onChunk: { _ in })
        return try await PartialFile.write(
            in: destination.directory, finalName: destination.fileName, owner: destination.owner,
            syncToDisk: destination.syncToDisk
        ) { (file) throws(TransferFailure) -> Int64 in
            var incoming = IncomingFile(file: file, limit: destination.limit,
                                        checksum: destination.checksum?.algorithm) { bytes in
                report(bytes, source.size)
            }
            var iterator = chunks.makeAsyncIterator()
            while let chunk = try await iterator.next() {
                try await incoming.append(chunk)
            }
            try incoming.verify(destination.checksum)
            try await file.commit(executable: destination.executable)
            return incoming.bytes
        }
    }

    /// Opens a local source file, mapping "no such file" to `localFileMissing` with the path the
    /// user wrote.
    func openSource(_ path: String, displayPath: String) async throws(TransferFailure) -> (fd: Int32, size: Int64) {
        try await BlockingIO.run { () throws(TransferFailure) -> (fd: Int32, size: Int64) in
            do throws(SystemCallError) {
                return try LocalFileSystem.openRegularFile(path)
            } catch {
                switch error.errno {
                case ENOENT, ENOTDIR: throw TransferFailure(.localFileMissing(path: displayPath))
                case EISDIR: throw TransferFailure(.notAllowed("'\(displayPath)' is a directory, not a file"))
                case ELOOP: throw TransferFailure(.notAllowed("'\(displayPath)' is a symlink"))
                case EINVAL: throw TransferFailure(.notAllowed("'\(displayPath)' is not a regular file"))
                default: throw TransferFailure(error.code)
                }
            }
        }
    }
}
