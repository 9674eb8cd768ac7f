import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// A successful answer: its status and headers, and either the whole body or, for watches and
/// log streams, the body still to be read.
struct APIResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: ByteBuffer
    var stream: HTTPClientResponse.Body?
    var attempts: Int

    /// `Warning` headers (`299 - "unknown field \"spec.x\""`), one per line sent.
    var warnings: [String] { headers["Warning"] }
}
