import NIOCore

/// The bytes of an open local file as a sequence of buffers of at most `chunkSize`, read on the
/// thread pool with `pread`: used as a PUT body (so an upload never holds the file in memory) and
/// for local copies.
///
/// Each iteration reads from offset 0, so a retried upload can iterate it again. It yields exactly
/// `length` bytes and fails if the file is shorter, so a file that shrinks mid-transfer cannot be
/// sent with a wrong Content-Length.
struct FileChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    let fd: Int32
    let path: String
    let length: Int64
    let chunkSize: Int
    /// Told the running total after each chunk (progress and the idle-timeout watchdog).
    let onChunk: @Sendable (Int64) -> Void

    func makeAsyncIterator() -> Iterator {
        Iterator(chunks: self)
    }

    struct Iterator: AsyncIteratorProtocol {
        let chunks: FileChunks
        var offset: Int64 = 0

        mutating func next() async throws(TransferFailure) -> ByteBuffer? {
            guard offset < chunks.length else { return nil }
            if Task.isCancelled { throw TransferFailure(.cancelled) }
            let fd = chunks.fd
            let path = chunks.path
            let offset = offset
            let wanted = Int(Swift.min(Int64(chunks.chunkSize), chunks.length - offset))
            let buffer = try await BlockingIO.run { () throws(SystemCallError) -> ByteBuffer in
                var buffer = ByteBufferAllocator().buffer(capacity: wanted)
                try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: wanted) {
                    (bytes) throws(SystemCallError) -> Int in
                    try LocalFileSystem.read(fd, into: UnsafeMutableRawBufferPointer(rebasing: bytes[..<wanted]),
                                             at: offset, path: path)
                }
                return buffer
            }
            guard buffer.readableBytes > 0 else {
                throw TransferFailure(.localIO("'\(path)' shrank to \(offset) bytes while it was being read"))
            }
            self.offset += Int64(buffer.readableBytes)
            chunks.onChunk(self.offset)
            return buffer
        }
    }
}
