import Synchronization
import AsyncHTTPClient
import Foundation
import Staging

/// Everything a staging test needs: the test server, an HTTP client built the way the daemon
/// builds it, and a scratch directory with an empty `session/` in it.
struct StagingHarness: Sendable {
    let server: TestServer
    let client: HTTPClient
    let scratch: TemporaryDirectory

    var session: String { scratch.path + "/session" }

    /// Fast retries and short timeouts so failure paths finish quickly.
    static let baseConfiguration = StagingConfiguration(
        maxRedirects: 5, connectTimeout: .seconds(2), requestTimeout: .seconds(20), idleTimeout: .seconds(5),
        retry: RetryPolicy(maxAttempts: 3, initialDelay: .milliseconds(20), maxDelay: .milliseconds(100))
    )

    func stager(
        limiter: ConcurrencyLimiter = ConcurrencyLimiter(), _ adjust: (inout StagingConfiguration) -> Void = { _ in }
    ) -> Stager {
        var configuration = Self.baseConfiguration
        adjust(&configuration)
        return Stager(configuration: configuration, httpClient: client, limiter: limiter)
    }

    /// The bytes of a file in the session directory.
    func sessionFile(_ name: String) -> [UInt8]? {
        FileManager.default.contents(atPath: session + "/" + name).map(Array.init)
    }

    /// Entries of the session directory, hidden (partial) files included.
    var sessionEntries: [String] { scratch.entries("session") }

    static func run<T: Sendable>(_ body: @Sendable (StagingHarness) async throws -> T) async throws -> T {
        try await TestServer.with { server in
            let scratch = try TemporaryDirectory()
            defer { scratch.remove() }
            try scratch.makeDirectory("session")
            let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup,
                                    configuration: baseConfiguration.makeHTTPClientConfiguration())
            do {
                let value = try await body(StagingHarness(server: server, client: client, scratch: scratch))
                try await client.shutdown()
                return value
            } catch {
                try? await client.shutdown()
                throw error
            }
        }
    }
}

/// Collects progress reports from any thread.
final class ProgressLog: Sendable {
    private let storage = Mutex<[StagingProgress]>([])

    var handler: StagingProgressHandler {
        { progress in self.storage.withLock { $0.append(progress) } }
    }

    var events: [StagingProgress] { storage.withLock { $0 } }
}
