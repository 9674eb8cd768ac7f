import Foundation
import Hummingbird
import Logging
import NIOCore

/// A real HTTP server on 127.0.0.1 (random free port) with one endpoint per behaviour the stager
/// must handle: plain files, 404, 500-then-200, 429 with Retry-After, a slow head, a stalled body,
/// redirect chains, big bodies with and without Content-Length, PUT uploads, and a slow endpoint
/// that counts concurrent requests.
struct TestServer: Sendable {
    let port: Int
    let state: ServerState

    /// Files served under `/files/<name>`.
    static let files: [String: [UInt8]] = [
        "hello.txt": Array("hello, grid\n".utf8),
        "data.bin": pseudoRandomBytes(count: 300_000, seed: 7),
    ]

    func url(_ path: String) -> URL {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else {
            preconditionFailure("test URLs are well-formed")
        }
        return url
    }

    /// Starts a server, runs `body` against it, and stops it.
    static func with<T: Sendable>(_ body: @Sendable (TestServer) async throws -> T) async throws -> T {
        let state = ServerState()
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: makeRouter(state),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: quietLogger
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var ports = portStream.makeAsyncIterator()
            guard let port = await ports.next(), port > 0 else {
                group.cancelAll()
                throw TestServerError.didNotStart
            }
            do {
                let value = try await body(TestServer(port: port, state: state))
                group.cancelAll()
                return value
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }

    /// The server is stopped by cancellation, which Hummingbird logs as errors; only a crash is
    /// worth seeing in test output.
    private static let quietLogger: Logger = {
        var logger = Logger(label: "test-server")
        logger.logLevel = .critical
        return logger
    }()

    private static func makeRouter(_ state: ServerState) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("files/:name") { _, context -> Response in
            let name = try context.parameters.require("name")
            guard let bytes = files[name] else { return Response(status: .notFound) }
            return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        router.get("status/:code") { _, context -> Response in
            Response(status: .init(code: try context.parameters.require("code", as: Int.self)))
        }
        // Fails with 500 `failures` times per key, then serves data.bin.
        router.get("flaky/:key/:failures") { _, context -> Response in
            let key = try context.parameters.require("key")
            let failures = try context.parameters.require("failures", as: Int.self)
            guard await state.hit("flaky/" + key) > failures else { return Response(status: .internalServerError) }
            return fileResponse("data.bin")
        }
        // Answers 429 with Retry-After once per key, then serves hello.txt.
        router.get("busy/:key") { _, context -> Response in
            let key = try context.parameters.require("key")
            guard await state.hit("busy/" + key) > 1 else {
                return Response(status: .tooManyRequests, headers: [.retryAfter: "1"])
            }
            return fileResponse("hello.txt")
        }
        // The head comes only after 10 s.
        router.get("slow") { _, _ -> Response in
            try await Task.sleep(for: .seconds(10))
            return fileResponse("hello.txt")
        }
        // Promises 2048 bytes, sends 1024, then goes quiet for 10 s.
        router.get("stall") { _, _ -> Response in
            Response(status: .ok, body: ResponseBody(contentLength: 2_048) { writer in
                try await writer.write(ByteBuffer(repeating: 0x61, count: 1_024))
                try await Task.sleep(for: .seconds(10))
                try await writer.write(ByteBuffer(repeating: 0x61, count: 1_024))
                try await writer.finish(nil)
            })
        }
        // /redirect/n redirects n+1 times in all before reaching data.bin (relative Locations).
        router.get("redirect/:hops") { _, context -> Response in
            let hops = try context.parameters.require("hops", as: Int.self)
            let location = hops <= 0 ? "/files/data.bin" : "/redirect/\(hops - 1)"
            return Response(status: .found, headers: [.location: location])
        }
        // A body of `bytes` bytes with Content-Length, streamed in 64 KiB pieces.
        router.get("big/:bytes") { _, context -> Response in
            let bytes = try context.parameters.require("bytes", as: Int.self)
            return Response(status: .ok, body: streamedBody(bytes: bytes, withLength: true))
        }
        // The same without Content-Length (chunked), so only a running count can stop it.
        router.get("big-chunked/:bytes") { _, context -> Response in
            let bytes = try context.parameters.require("bytes", as: Int.self)
            return Response(status: .ok, body: streamedBody(bytes: bytes, withLength: false))
        }
        // Holds each request for 150 ms and records how many overlap.
        router.get("concurrent/:name") { _, _ -> Response in
            await state.enter()
            try? await Task.sleep(for: .milliseconds(150))
            await state.leave()
            return fileResponse("hello.txt")
        }
        router.put("upload/:name") { request, context -> Response in
            var request = request
            let name = try context.parameters.require("name")
            let body = try await request.collectBody(upTo: 64 * 1_024 * 1_024)
            await state.store(name, Array(body.readableBytesView))
            return Response(status: .created)
        }
        // Answers 503 once per key, then stores like /upload.
        router.put("flaky-upload/:name") { request, context -> Response in
            var request = request
            let name = try context.parameters.require("name")
            let body = try await request.collectBody(upTo: 64 * 1_024 * 1_024)
            guard await state.hit("flaky-upload/" + name) > 1 else { return Response(status: .serviceUnavailable) }
            await state.store(name, Array(body.readableBytesView))
            return Response(status: .noContent)
        }
        // Sends PUT on to /upload/<name> keeping method and body.
        router.put("moved-upload/:name") { request, context -> Response in
            var request = request
            _ = try await request.collectBody(upTo: 64 * 1_024 * 1_024)
            let name = try context.parameters.require("name")
            return Response(status: .temporaryRedirect, headers: [.location: "/upload/\(name)"])
        }
        return router
    }

    private static func fileResponse(_ name: String) -> Response {
        Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(bytes: files[name] ?? [])))
    }

    private static func streamedBody(bytes: Int, withLength: Bool) -> ResponseBody {
        ResponseBody(contentLength: withLength ? bytes : nil) { writer in
            var left = bytes
            while left > 0 {
                let piece = min(left, 64 * 1_024)
                try await writer.write(ByteBuffer(repeating: 0x62, count: piece))
                left -= piece
            }
            try await writer.finish(nil)
        }
    }

    /// Deterministic bytes (xorshift), so checksums in tests are fixed.
    static func pseudoRandomBytes(count: Int, seed: UInt64) -> [UInt8] {
        var state = seed | 1
        return (0..<count).map { _ in
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        }
    }
}

enum TestServerError: Error {
    case didNotStart
}
