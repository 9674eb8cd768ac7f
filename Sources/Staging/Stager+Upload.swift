import AsyncHTTPClient
import NIOCore

#if canImport(FoundationEssentials)
import struct FoundationEssentials.URL
#else
import struct Foundation.URL
#endif

extension Stager {
    /// One attempt at uploading a file with PUT, streamed from disk with a known Content-Length,
    /// under the same deadline and idle timeout as a download. The response body is read (up to
    /// 64 KiB) and dropped, so the connection can be reused.
    func upload(_ chunks: FileChunks, to url: URL) async throws(TransferFailure) {
        let deadline = NIODeadline.now() + configuration.requestTimeout.timeAmount
        try await TransferDeadline.run(
            timeout: configuration.requestTimeout, idleTimeout: configuration.idleTimeout
        ) { (activity) throws(TransferFailure) in
            let body = FileChunks(fd: chunks.fd, path: chunks.path, length: chunks.length,
                                  chunkSize: chunks.chunkSize) { bytes in
                activity.touch()
                chunks.onChunk(bytes)
            }
            let response = try await self.send(.PUT, to: url, deadline: deadline, activity: activity) {
                .stream(body, length: .known(body.length))
            }
            do {
                var drained = 0
                for try await chunk in response.body {
                    drained += chunk.readableBytes
                    if drained > 64 * 1_024 { break }
                }
            } catch {
                throw TransferFailure(classifying: error)
            }
        }
    }
}
