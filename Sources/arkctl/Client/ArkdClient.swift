import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// A small client for arkd's HTTP API (Docs/openapi.yaml): one method per route, errors carrying
/// the server's `{"error": {"code", "message"}}`.
struct ArkdClient {
    let endpoint: ArkdEndpoint
    let token: String?
    private let http: HTTPClient

    /// `trustedCertificates`: a PEM file of CA certificates for an https server signed by a site CA.
    init(endpoint: ArkdEndpoint, token: String?, trustedCertificates: String? = nil) {
        self.endpoint = endpoint
        self.token = token
        var configuration = HTTPClient.Configuration()
        if let trustedCertificates {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .file(trustedCertificates)
            configuration.tlsConfiguration = tls
        }
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func shutdown() async throws {
        try await http.shutdown()
    }

    /// Submits a description; with uploads, as `multipart/form-data` with one part per file.
    func submit(_ text: [UInt8], dialect: String, idempotencyKey: String?,
                uploads: [(path: String, bytes: [UInt8])] = []) async throws -> RemoteJobList {
        var headers = [("Content-Type", "text/plain")]
        var body = text
        if !uploads.isEmpty {
            let boundary = "arkctl-" + UUID().uuidString
            headers = [("Content-Type", "multipart/form-data; boundary=\(boundary)")]
            body = Self.multipart(description: text, uploads: uploads, boundary: boundary)
        }
        if let idempotencyKey { headers.append(("Idempotency-Key", idempotencyKey)) }
        return try await call(.POST, "/v1/jobs?dialect=\(dialect)", body: body, headers: headers)
    }

    private static func multipart(description: [UInt8], uploads: [(path: String, bytes: [UInt8])],
                                  boundary: String) -> [UInt8] {
        var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\n".utf8)
        body += description
        for upload in uploads {
            let filename = upload.path.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"")
            body += Array("\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\n".utf8)
            body += Array("Content-Type: application/octet-stream\r\n\r\n".utf8)
            body += upload.bytes
        }
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        return body
    }

    func job(_ id: String) async throws -> RemoteJob {
        try await call(.GET, "/v1/jobs/\(Self.escape(id))")
    }

    func status(_ ids: [String]) async throws -> RemoteStatusList {
        let body = try JSONEncoder().encode(["ids": ids])
        return try await call(.POST, "/v1/jobs/status", body: Array(body), headers: [("Content-Type", "application/json")])
    }

    func list(query: [(String, String)]) async throws -> RemoteJobList {
        let encoded = query.map { "\($0.0)=\(Self.escape($0.1))" }.joined(separator: "&")
        return try await call(.GET, "/v1/jobs" + (encoded.isEmpty ? "" : "?" + encoded))
    }

    /// Every job matching `query`, following the pages' cursors.
    func listAll(query: [(String, String)]) async throws -> [RemoteJob] {
        var jobs: [RemoteJob] = []
        var cursor: String?
        repeat {
            let page = try await list(query: query + (cursor.map { [("cursor", $0)] } ?? []))
            jobs += page.jobs
            cursor = page.nextCursor
        } while cursor != nil
        return jobs
    }

    func cancel(_ id: String) async throws -> RemoteJob {
        try await call(.DELETE, "/v1/jobs/\(Self.escape(id))")
    }

    func events(_ id: String) async throws -> RemoteEvents {
        try await call(.GET, "/v1/jobs/\(Self.escape(id))/events")
    }

    func info() async throws -> RemoteInfo {
        try await call(.GET, "/v1/info")
    }

    func file(_ id: String, path: String) async throws -> [UInt8] {
        let escaped = path.split(separator: "/").map { Self.escape(String($0)) }.joined(separator: "/")
        return try await send(.GET, "/v1/jobs/\(Self.escape(id))/files/\(escaped)")
    }

    // MARK: Transport

    private func call<T: Decodable>(_ method: HTTPMethod, _ path: String, body: [UInt8]? = nil,
                                    headers: [(String, String)] = []) async throws -> T {
        let bytes = try await send(method, path, body: body, headers: headers)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(T.self, from: Data(bytes))
        } catch {
            throw ArkdClientError(status: 0, code: "bad_response", message: "the server's answer is not the expected JSON: \(error)")
        }
    }

    private func send(_ method: HTTPMethod, _ path: String, body: [UInt8]? = nil,
                      headers: [(String, String)] = []) async throws -> [UInt8] {
        var request = HTTPClientRequest(url: try url(path))
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: .seconds(300))
        } catch {
            throw ArkdClientError(status: 0, code: "unreachable", message: "cannot reach arkd at \(describe()): \(error)")
        }
        let collected = Array(try await response.body.collect(upTo: 1 << 30).readableBytesView)
        guard (200..<300).contains(Int(response.status.code)) else {
            throw ArkdClientError(status: Int(response.status.code), body: collected)
        }
        return collected
    }

    private func url(_ path: String) throws -> String {
        switch endpoint {
        case .url(let base): return base + path
        case .unixSocket(let socket):
            // The HTTP client would retry a missing socket until its connect timeout (10 s).
            guard FileManager.default.fileExists(atPath: socket) else {
                throw ArkdClientError(status: 0, code: "unreachable",
                                      message: "cannot reach arkd: no socket at \(socket) (is 'arkd serve' running?)")
            }
            guard let url = URL(httpURLWithSocketPath: socket, uri: path) else {
                throw ArkdClientError(status: 0, code: "bad_server", message: "cannot make a URL for the socket '\(socket)'")
            }
            return url.absoluteString
        }
    }

    private func describe() -> String {
        switch endpoint {
        case .url(let base): base
        case .unixSocket(let socket): "unix:\(socket)"
        }
    }

    private static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlUnreservedCharacters) ?? text
    }
}

extension CharacterSet {
    /// RFC 3986 unreserved characters: safe in a path segment and a query value.
    static let urlUnreservedCharacters = CharacterSet(charactersIn:
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
