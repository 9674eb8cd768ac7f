import Hummingbird
import NIOCore

/// Reads a request body up to the configured limit; a larger body gets 413 and is never buffered.
///
/// An oversized body is still read (and dropped) up to `drainAllowance` bytes past the limit
/// before the 413 goes out: a client that is still sending it, as HTTP/1.1 clients do, would
/// otherwise find the connection closed under it and report a network error instead of the
/// refusal (seen as a rare failure of the 413 test). Past that allowance, or when the declared
/// length is already beyond it, the 413 goes out at once.
enum RequestBody {
    static let drainAllowance = 16 << 20

    static func collect(_ request: Request, limit: Int) async throws -> ByteBuffer {
        let drainLimit = limit + drainAllowance
        if let length = request.headers[.contentLength].flatMap(Int.init), length > drainLimit {
            throw APIError.tooLarge(limit: limit)
        }
        var collected = ByteBuffer()
        var received = 0
        for try await chunk in request.body {
            received += chunk.readableBytes
            if received <= limit {
                collected.writeImmutableBuffer(chunk)
            } else if received > drainLimit {
                break
            }
        }
        guard received <= limit else { throw APIError.tooLarge(limit: limit) }
        return collected
    }
}
