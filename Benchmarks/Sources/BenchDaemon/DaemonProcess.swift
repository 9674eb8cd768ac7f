import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// `arkd serve` as its own process for a benchmark (local executor, API on a unix socket), and
/// requests to it, shared by api-load and arc-scan-bench so both measure the daemon the same way.
public final class DaemonProcess: @unchecked Sendable {
    public let process = Process()
    public let socket: String

    /// - Parameter settings: YAML lines added to the configuration.
    public init(binary: String, directory: String, settings: String = "") throws {
        socket = directory + "/state/arkd.sock"
        let config = directory + "/arkd.yaml"
        try """
            stateDirectory: \(directory)/state
            logLevel: warning
            \(settings)
            """.write(toFile: config, atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--config", config]
        try process.run()
    }

    public var pid: Int32 { process.processIdentifier }

    /// SIGTERM, then the exit status.
    public func stop() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// An answer's status and body.
    public struct Reply: Sendable {
        public var status: Int
        public var body: [UInt8]
    }

    public func send(_ client: HTTPClient, _ method: HTTPMethod, _ path: String, body: [UInt8]? = nil,
                     headers: [(String, String)] = []) async throws -> Reply {
        guard let url = URL(httpURLWithSocketPath: socket, uri: path) else { throw BenchFailure("bad socket path \(socket)") }
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await client.execute(request, timeout: .seconds(300))
        let collected = try await response.body.collect(upTo: 256 * 1024 * 1024)
        return Reply(status: Int(response.status.code), body: Array(collected.readableBytesView))
    }
}

/// Why a benchmark cannot go on.
public struct BenchFailure: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
