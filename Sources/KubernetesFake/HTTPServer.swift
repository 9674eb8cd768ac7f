import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// A request as read off the wire, before it is interpreted.
private struct FakeRequestParts: Sendable {
    let head: HTTPRequestHead
    let body: ByteBuffer
}

/// The HTTP/1.1 listener on 127.0.0.1 (TLS or plain), built on SwiftNIO directly so that a watch
/// is one chunk per event, connections can be dropped on purpose and the port can be closed and
/// reopened to make the server unreachable for a while.
final class HTTPServer: Sendable {
    typealias Handler = @Sendable (FakeRequest) async -> FakeResponse

    private struct State {
        var listener: Channel?
        var connections: [ObjectIdentifier: Channel] = [:]
    }

    private let tls: NIOSSLContext?
    private let handler: Handler
    private let state = Mutex(State())
    private static let maximumBodyBytes = 8 << 20

    init(tls: NIOSSLContext?, handler: @escaping Handler) {
        self.tls = tls
        self.handler = handler
    }

    /// Binds 127.0.0.1:`port` (0: any free port) and returns the port.
    ///
    /// Each connection gets its async wrapper and the task that serves it in the child channel's
    /// initializer, not through the async bootstrap's stream of connections: closing the listener
    /// (`stop`, an unreachable API server) could otherwise drop a connection accepted but not yet
    /// taken from that stream, whose unfinished writer NIO traps on (apple/swift-nio#2637).
    func start(port: Int) async throws -> Int {
        let tls = self.tls
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 256)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    let connection = try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                        wrappingChannelSynchronously: channel)
                    Task { await self.serve(connection) }
                }
            }
            .bind(host: "127.0.0.1", port: port).get()
        state.withLock { $0.listener = listener }
        return listener.localAddress?.port ?? port
    }

    /// Closes the listening socket and every open connection (watches end abruptly).
    func stop() async {
        let channels = state.withLock { state -> [Channel] in
            let channels = [state.listener].compactMap { $0 } + Array(state.connections.values)
            state.listener = nil
            state.connections = [:]
            return channels
        }
        for channel in channels { try? await channel.close() }
    }

    var isListening: Bool { state.withLock { $0.listener != nil } }

    private func serve(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>) async {
        let channel = connection.channel
        let id = ObjectIdentifier(channel)
        let accepted = state.withLock { state -> Bool in
            guard state.listener != nil else { return false }
            state.connections[id] = channel
            return true
        }
        defer { _ = state.withLock { $0.connections.removeValue(forKey: id) } }
        guard accepted else {
            // Through the async channel, so that its writer is finished (NIO traps otherwise).
            try? await connection.executeThenClose { _, _ in }
            return
        }
        let tlsEnabled = tls != nil
        try? await connection.executeThenClose { inbound, outbound in
            let (requests, queue) = AsyncStream<FakeRequestParts>.makeStream()
            await withTaskGroup(of: Void.self) { group in
                // Reading runs apart from answering so that a client closing the connection in the
                // middle of a watch ends the watch at once.
                group.addTask {
                    defer { queue.finish() }
                    var head: HTTPRequestHead?
                    var body = ByteBuffer()
                    do {
                        for try await part in inbound {
                            switch part {
                            case .head(let requestHead):
                                head = requestHead
                                body.clear()
                            case .body(var chunk):
                                guard body.readableBytes + chunk.readableBytes <= Self.maximumBodyBytes else { return }
                                body.writeBuffer(&chunk)
                            case .end:
                                if let requestHead = head { queue.yield(FakeRequestParts(head: requestHead, body: body)) }
                                head = nil
                            }
                        }
                    } catch {
                        return
                    }
                }
                group.addTask {
                    var certificateIdentity: (user: String, groups: [String])?
                    var identityRead = !tlsEnabled
                    for await parts in requests {
                        // The handshake is complete once a request has arrived.
                        if !identityRead, let certificate = try? await channel.nioSSL_peerCertificate().get(),
                           let der = try? certificate.toDERBytes()
                        {
                            certificateIdentity = TestCertificateAuthority.identity(ofClientCertificate: der)
                        }
                        identityRead = true
                        let request = FakeRequest(method: parts.head.method.rawValue, uri: parts.head.uri,
                                                  headers: parts.head.headers.map { ($0.name, $0.value) },
                                                  body: Data(parts.body.readableBytesView),
                                                  certificateIdentity: certificateIdentity)
                        let response = await self.handler(request)
                        let open = (try? await self.write(response, to: outbound, keepAlive: parts.head.isKeepAlive)) ?? false
                        if !open || !parts.head.isKeepAlive { return }
                    }
                }
                await group.next()
                group.cancelAll()
            }
        }
    }

    /// Writes one response; false when the connection must be closed afterwards.
    private func write(_ response: FakeResponse, to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>,
                       keepAlive: Bool) async throws -> Bool {
        var headers = HTTPHeaders([("Audit-Id", KubeTime.uid()), ("Cache-Control", "no-cache, private")])
        switch response {
        case .drop:
            return false
        case .full(let status, let extra, let body):
            headers.add(contentsOf: extra)
            headers.replaceOrAdd(name: "Content-Length", value: String(body.count))
            if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
            try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: .init(statusCode: status), headers: headers)))
            try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body))))
            try await outbound.write(.end(nil))
            return true
        case .stream(let extra, let chunks):
            headers.add(contentsOf: extra)
            headers.replaceOrAdd(name: "Transfer-Encoding", value: "chunked")
            try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers)))
            for await chunk in chunks {
                try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: chunk))))
            }
            try await outbound.write(.end(nil))
            return true
        }
    }
}
