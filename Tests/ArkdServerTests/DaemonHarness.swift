import ArkdEngine
import ArkdServer
import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Testing

/// A real daemon for a test: SQLite in a temp directory, local processes, the API on a unix socket
/// and on 127.0.0.1, and tokens for alice and bob (submit), a reader of alice's jobs and an admin.
final class DaemonHarness: Sendable {
    let root: String
    let socketPath: String
    let tokenFile: String

    static let tokens = ["alice": "alice-token", "bob": "bob-token", "reader": "reader-token", "admin": "admin-token"]

    init() throws {
        root = "/tmp/arkd-api-\(UUID().uuidString.prefix(8))"
        socketPath = root + "/state/api.sock"
        tokenFile = root + "/tokens"
        try FileManager.default.createDirectory(atPath: root + "/state", withIntermediateDirectories: true)
        let lines = [
            "# test tokens",
            "\(TokenTable.hash("alice-token")) alice submit",
            "\(TokenTable.hash("bob-token")) bob submit",
            "",
            "\(TokenTable.hash("reader-token")) alice read",
            "\(TokenTable.hash("admin-token")) root admin",
        ]
        try lines.joined(separator: "\n").write(toFile: tokenFile, atomically: true, encoding: .utf8)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    var site: SiteConfiguration {
        var site = SiteConfiguration(stateDirectory: root + "/state", maxRunningJobs: 8,
                                     queues: ["default": QueuePolicy(),
                                              "short": QueuePolicy(maxMemoryMiB: 4096, maxCPUs: 2, maxWallTime: .seconds(3600))])
        site.server = ServerSettings(socketPath: socketPath, listener: .init(host: "127.0.0.1", port: 0),
                                     tokenFile: tokenFile, maxRequestBytes: 64 * 1024)
        return site
    }

    static var quietLogger: Logger {
        var logger = Logger(label: "arkd.api.test")
        logger.logLevel = .critical
        return logger
    }

    /// Runs the daemon for the duration of `body`, then shuts it down gracefully.
    func run<T: Sendable>(_ body: @escaping @Sendable (RunningDaemon) async throws -> T) async throws -> T {
        let site = self.site
        var configuration = site.engineConfiguration
        configuration.retryDelay = .milliseconds(50)
        let tokens = try TokenTable.load(file: tokenFile)
        return try await LocalRuntime.withEngine(configuration: configuration, logger: Self.quietLogger) { engine in
            let dependencies = APIDependencies(engine: engine, site: site, metrics: ArkdMetrics(), tokens: tokens)
            let (addresses, continuation) = AsyncStream.makeStream(of: ListenerAddress.self)
            let services = try ArkdDaemon(dependencies: dependencies, logger: Self.quietLogger).services { address in
                continuation.yield(address)
            }
            let group = ServiceGroup(configuration: ServiceGroupConfiguration(
                services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
                logger: Self.quietLogger))
            return try await withThrowingTaskGroup(of: T?.self) { tasks in
                tasks.addTask {
                    try await group.run()
                    return nil
                }
                var port = 0
                var sawSocket = false
                for await address in addresses {
                    switch address {
                    case .unixSocket: sawSocket = true
                    case .tcp(_, let bound, _): port = bound
                    }
                    if sawSocket && port != 0 { break }
                }
                let client = HTTPClient(eventLoopGroupProvider: .singleton)
                let result: Result<T, any Error>
                do {
                    result = .success(try await body(RunningDaemon(engine: engine, client: client,
                                                                   socketPath: self.socketPath, port: port)))
                } catch {
                    result = .failure(error)
                }
                try await client.shutdown()
                await group.triggerGracefulShutdown()
                while try await tasks.next() != nil {}
                return try result.get()
            }
        }
    }
}

/// A running daemon and a client for it.
struct RunningDaemon: Sendable {
    let engine: Engine
    let client: HTTPClient
    let socketPath: String
    let port: Int

    /// An HTTP exchange's outcome.
    struct Reply: Sendable {
        var status: Int
        var headers: [(String, String)]
        var body: [UInt8]

        var text: String { String(decoding: body, as: UTF8.self) }

        func json() throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any], "not a JSON object: \(text)")
        }

        /// `error.code` of an error body.
        func errorCode() throws -> String? {
            (try json()["error"] as? [String: Any])?["code"] as? String
        }

        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    enum Transport {
        case unixSocket
        case tcp
    }

    func send(_ method: HTTPMethod, _ path: String, as user: String? = "alice", body: [UInt8]? = nil,
              headers: [(String, String)] = [], over transport: Transport = .unixSocket) async throws -> Reply {
        let url: String
        switch transport {
        case .unixSocket: url = try #require(URL(httpURLWithSocketPath: socketPath, uri: path)).absoluteString
        case .tcp: url = "http://127.0.0.1:\(port)\(path)"
        }
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let user, let token = DaemonHarness.tokens[user] { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await client.execute(request, timeout: .seconds(60))
        let collected = try await response.body.collect(upTo: 64 * 1024 * 1024)
        return Reply(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                     body: Array(collected.readableBytesView))
    }

    /// Submits xRSL text as `user`; returns the reply and the first job's id.
    func submit(_ xrsl: String, as user: String = "alice", key: String? = nil) async throws -> (Reply, String?) {
        let reply = try await send(.POST, "/v1/jobs", as: user, body: Array(xrsl.utf8),
                                   headers: key.map { [("Idempotency-Key", $0)] } ?? [])
        let id = ((try? reply.json())?["jobs"] as? [[String: Any]])?.first?["id"] as? String
        return (reply, id)
    }

    /// Waits for the job's end through the engine's updates (no clock involved).
    func waitForEnd(_ text: String) async throws -> JobRecord {
        let id = try #require(JobID(rawValue: text))
        let updates = engine.watch()
        if let record = try await engine.store.job(id), record.state.isTerminal { return record }
        for await case .state(let record) in updates where record.id == id && record.state.isTerminal {
            return record
        }
        throw CancellationError()
    }

    func waitForState(_ text: String, _ state: JobState) async throws {
        let id = try #require(JobID(rawValue: text))
        let updates = engine.watch()
        if try await engine.store.job(id)?.state == state { return }
        for await case .state(let record) in updates where record.id == id && record.state == state { return }
    }
}
