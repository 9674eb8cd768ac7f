import AsyncHTTPClient
import Foundation
import Logging
import Staging

/// The embedded default: an engine with the local executor and arkd's own staging, for
/// `arkctl run` and for sites without a cluster.
public enum LocalRuntime {
    /// Builds the engine, runs `body` with it, and shuts the HTTP client down afterwards whatever
    /// `body` did.
    public static func withEngine<Result: Sendable>(
        configuration: EngineConfiguration, allowedFileRoots: [String] = [],
        staging stagingConfiguration: StagingConfiguration? = nil,
        logger: Logger = Logger(label: "arkd.engine"),
        _ body: (Engine) async throws -> Result
    ) async throws -> Result {
        var staging = stagingConfiguration ?? StagingConfiguration()
        if stagingConfiguration == nil { staging.allowedFileRoots = allowedFileRoots }
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: staging.makeHTTPClientConfiguration())
        let result: Swift.Result<Result, any Error>
        do {
            let executor = try LocalExecutor(
                configuration: LocalExecutor.Configuration(runtimeDirectory: configuration.stateDirectory + "/local"))
            let stager = Stager(configuration: staging, httpClient: client, limiter: ConcurrencyLimiter(limit: 16))
            let engine = try Engine(configuration: configuration, executor: executor,
                                    staging: StagingAdapter(stager: stager), logger: logger)
            result = .success(try await body(engine))
        } catch {
            result = .failure(error)
        }
        try await client.shutdown()
        return try result.get()
    }
}
