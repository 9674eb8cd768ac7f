import Foundation
import Hummingbird
import Logging
import NIOCore

/// Uploads the engine test server received, by name.
actor ReceivedUploads {
    private var files: [String: [UInt8]] = [:]

    func store(_ name: String, _ bytes: [UInt8]) { files[name] = bytes }

    func file(_ name: String) -> [UInt8]? { files[name] }
}

/// A real HTTP server on 127.0.0.1 for engine tests: files to stage in, a 404, and PUT uploads.
struct EngineTestServer: Sendable {
    let port: Int
    let uploads: ReceivedUploads

    static let files: [String: [UInt8]] = [
        "greeting.txt": Array("hello from the server\n".utf8),
        "big.bin": [UInt8](repeating: 0x61, count: 200_000),
    ]

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    static func with<T: Sendable>(_ body: @Sendable (EngineTestServer) async throws -> T) async throws -> T {
        let uploads = ReceivedUploads()
        let router = Router()
        router.get("files/:name") { _, context -> Response in
            guard let bytes = files[try context.parameters.require("name")] else { return Response(status: .notFound) }
            return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        router.put("uploads/:name") { request, context -> Response in
            let name = try context.parameters.require("name")
            let buffer = try await request.body.collect(upTo: 10_000_000)
            await uploads.store(name, Array(buffer.readableBytesView))
            return Response(status: .created)
        }
        var logger = Logger(label: "engine-test-server")
        logger.logLevel = .critical
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else {
                group.cancelAll()
                throw CocoaError(.fileNoSuchFile)
            }
            defer { group.cancelAll() }
            return try await body(EngineTestServer(port: port, uploads: uploads))
        }
    }
}
