import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTLS
import KubernetesFixtures
import Logging
import NIOCore
import NIOSSL

/// A request as the replay server received it.
struct SeenRequest: Sendable {
    let method: String
    let path: String
    let query: [String: String]
    let rawQuery: String
    let headers: HTTPFields
    let body: Data

    func header(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { headers[$0] }
    }
}

/// What the replay server answers: a status, headers and a body written in the given pieces
/// (each piece is its own write, a short pause apart, so a watch event can be split across chunks).
struct Reply: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var chunks: [[UInt8]]
    /// A pause before the head, to make the client's deadline pass.
    var delay: Duration?

    init(status: Int, headers: [(name: String, value: String)] = [], chunks: [[UInt8]] = [], delay: Duration? = nil) {
        self.status = status
        self.headers = headers
        self.chunks = chunks
        self.delay = delay
    }

    /// The recorded response `name`, with its Content-Type, Warning and Retry-After headers; a
    /// watch as one chunk per event, as the server sent it.
    static func recorded(_ name: String) throws -> Reply {
        let response = try RecordedExchange.named(name).response
        let headers = response.headers.filter { ["content-type", "warning", "retry-after"].contains($0.name.lowercased()) }
        let chunks = response.events.isEmpty
            ? [Array(response.body)]
            : response.events.map { Array($0) + [UInt8(ascii: "\n")] }
        return Reply(status: response.status, headers: headers, chunks: chunks)
    }

    static func json(_ status: Int, _ text: String) -> Reply {
        Reply(status: status, headers: [("Content-Type", "application/json")], chunks: [Array(text.utf8)])
    }
}

/// A real HTTP (or HTTPS) server on 127.0.0.1 that answers every request with what `handler`
/// returns for it; `handler` gets how many earlier requests had the same method and path, so a
/// script can fail first and succeed later. Keeps every request for the test to inspect.
struct ReplayServer: Sendable {
    typealias Handler = @Sendable (SeenRequest, _ earlier: Int) async throws -> Reply

    let port: Int
    let log: RequestLog
    let scheme: String

    var url: URL {
        guard let url = URL(string: "\(scheme)://127.0.0.1:\(port)") else { preconditionFailure("a valid URL") }
        return url
    }

    static func with<T: Sendable>(tls: TLSConfiguration? = nil, handler: @escaping Handler,
                                  _ body: @Sendable (ReplayServer) async throws -> T) async throws -> T {
        let log = RequestLog()
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            let seen = SeenRequest(
                method: request.method.rawValue, path: request.uri.path,
                query: Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) },
                                  uniquingKeysWith: { first, _ in first }),
                rawQuery: request.uri.query ?? "", headers: request.headers,
                body: Data(try await request.body.collect(upTo: 16 * 1_024 * 1_024).readableBytesView))
            let earlier = await log.record(seen)
            return try await response(for: try await handler(seen, earlier))
        }
        let app = Application(
            responder: responder,
            server: try tls.map { try .tls(.http1(), tlsConfiguration: $0) } ?? .http1(),
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
                throw ReplayServerError()
            }
            defer { group.cancelAll() }
            return try await body(ReplayServer(port: port, log: log, scheme: tls == nil ? "http" : "https"))
        }
    }

    private static func response(for reply: Reply) async throws -> Response {
        if let delay = reply.delay { try await Task.sleep(for: delay) }
        var headers = HTTPFields()
        for (name, value) in reply.headers {
            if let name = HTTPField.Name(name) { headers.append(HTTPField(name: name, value: value)) }
        }
        let chunks = reply.chunks
        if chunks.count <= 1 {
            return Response(status: .init(code: reply.status), headers: headers,
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: chunks.first ?? [])))
        }
        return Response(status: .init(code: reply.status), headers: headers, body: ResponseBody { writer in
            for chunk in chunks {
                try await writer.write(ByteBuffer(bytes: chunk))
                try await Task.sleep(for: .milliseconds(20))
            }
            try await writer.finish(nil)
        })
    }

    /// Cancellation at the end of a test is logged as errors by Hummingbird; only a crash matters.
    private static let quietLogger: Logger = {
        var logger = Logger(label: "replay-server")
        logger.logLevel = .critical
        return logger
    }()
}

struct ReplayServerError: Error {}

/// Every request the replay server received, in order.
actor RequestLog {
    private(set) var requests: [SeenRequest] = []

    /// Records `request` and returns how many earlier ones had its method and path and were, like
    /// it, a watch or not (a LIST and a WATCH share their path).
    func record(_ request: SeenRequest) -> Int {
        let earlier = requests.count {
            $0.method == request.method && $0.path == request.path && $0.query["watch"] == request.query["watch"]
        }
        requests.append(request)
        return earlier
    }
}
