import AsyncHTTPClient
import Foundation
import KubernetesFake
import NIOCore
import NIOHTTP1
import NIOSSL

/// A small HTTP client for the tests: AsyncHTTPClient trusting the fake's CA, authenticating with
/// a bearer token, the admin client certificate, or nothing.
struct FakeClient {
    enum Credentials {
        case token(String)
        case adminCertificate
        case certificate(TestCertificateAuthority.KeyPair)
        case none
    }

    struct Response {
        let status: Int
        let headers: [(String, String)]
        let body: Data

        var json: JSON { (try? JSON(parsing: body)) ?? .null }
        var text: String { String(decoding: body, as: UTF8.self) }
        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
        func headers(_ name: String) -> [String] { headers.filter { $0.0.lowercased() == name.lowercased() }.map(\.1) }
    }

    let fake: FakeKubernetes
    let client: HTTPClient
    let credentials: Credentials

    init(_ fake: FakeKubernetes, _ credentials: Credentials) throws {
        self.fake = fake
        self.credentials = credentials
        var configuration = HTTPClient.Configuration()
        if let ca = fake.caCertificatePEM {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(ca.utf8)))
            let pair: TestCertificateAuthority.KeyPair? = switch credentials {
            case .adminCertificate: fake.adminCredentials
            case .certificate(let pair): pair
            default: nil
            }
            if let pair {
                tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(Array(pair.certificatePEM.utf8)).map { .certificate($0) }
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(pair.privateKeyPEM.utf8), format: .pem))
            }
            configuration.tlsConfiguration = tls
        }
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func shutdown() async throws { try await client.shutdown() }

    private func request(_ method: HTTPMethod, _ path: String, query: String, body: Data?, contentType: String?,
                         accept: String?) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: fake.baseURL + path + (query.isEmpty ? "" : "?" + query))
        request.method = method
        request.headers.add(name: "Accept", value: accept ?? "application/json")
        request.headers.add(name: "User-Agent", value: "arkd-fake-tests/1.0")
        if case .token(let token) = credentials { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType ?? "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        return request
    }

    /// One complete request.
    func send(_ method: HTTPMethod, _ path: String, query: String = "", body: Data? = nil,
              contentType: String? = nil, accept: String? = nil) async throws -> Response {
        let response = try await client.execute(request(method, path, query: query, body: body, contentType: contentType,
                                                        accept: accept), timeout: .seconds(60))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        return Response(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                        body: Data(bytes.readableBytesView))
    }

    func send(_ method: HTTPMethod, _ path: String, query: String = "", json: JSON, contentType: String? = nil) async throws -> Response {
        try await send(method, path, query: query, body: json.serialized, contentType: contentType)
    }

    /// A watch: the status, and the events as they arrive (split on newlines across chunks).
    /// Without a `timeoutSeconds` the server is asked to end the stream after 60 s, so that a
    /// test waiting for an event that never comes fails instead of hanging.
    func watch(_ path: String, query: String) async throws -> (status: Int, contentType: String?, events: AsyncThrowingStream<JSON, Error>) {
        let query = query.contains("timeoutSeconds=") ? query : query + "&timeoutSeconds=60"
        let response = try await client.execute(request(.GET, path, query: query, body: nil, contentType: nil, accept: nil),
                                                timeout: .seconds(600))
        let body = response.body
        let events = AsyncThrowingStream<JSON, Error> { continuation in
            let task = Task {
                do {
                    var pending = Data()
                    for try await chunk in body {
                        pending.append(contentsOf: chunk.readableBytesView)
                        while let newline = pending.firstIndex(of: 0x0A) {
                            let line = pending[pending.startIndex..<newline]
                            pending = Data(pending[pending.index(after: newline)...])
                            continuation.yield(try JSON(parsing: Data(line)))
                        }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
        return (Int(response.status.code), response.headers.first(name: "Content-Type"), events)
    }
}

/// Starts a fake with the grid-bridge token `bridge` and runs `body`, shutting everything down after.
func withFake<T>(_ configure: (inout FakeKubernetes.Configuration) -> Void = { _ in },
                 _ body: (FakeKubernetes, _ bridge: FakeClient, _ admin: FakeClient) async throws -> T) async throws -> T {
    var configuration = FakeKubernetes.Configuration()
    configuration.namespaces = ["default", "grid"]
    configure(&configuration)
    let fake = try await FakeKubernetes.start(configuration)
    fake.register(token: "bridge", as: .gridBridge())
    let bridge = try FakeClient(fake, .token("bridge"))
    let admin = try FakeClient(fake, .adminCertificate)
    // The fake goes first: it closes open watches, which the clients would otherwise wait on.
    do {
        let result = try await body(fake, bridge, admin)
        await fake.shutdown()
        try await bridge.shutdown()
        try await admin.shutdown()
        return result
    } catch {
        await fake.shutdown()
        try? await bridge.shutdown()
        try? await admin.shutdown()
        throw error
    }
}
