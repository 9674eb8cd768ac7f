import AsyncHTTPClient
import Foundation
import KubernetesClient
import Logging
import Staging

/// The engine with the Kubernetes executor: one REST client for the site's cluster, one watch per
/// namespace the queues use, running for as long as `body` does.
public enum KubernetesRuntime {
    /// The client configuration the site names: in-cluster, or a kubeconfig and context.
    public static func clientConfiguration(for settings: KubernetesSettings) throws -> KubernetesConfiguration {
        if settings.inCluster { return try .inCluster() }
        let kubeconfig = try settings.kubeconfig.map { try Kubeconfig.load(path: $0) } ?? Kubeconfig.loadDefault()
        return try kubeconfig.configuration(context: settings.context, allowInsecureSkipTLSVerify: settings.allowInsecureTLS)
    }

    /// The client options the site names (its rate limit); `requestObserver` sees every exchange
    /// with the API server, for metrics.
    public static func clientOptions(for settings: KubernetesSettings,
                                     requestObserver: (@Sendable (KubernetesRequestMetric) -> Void)? = nil)
        -> KubernetesClientOptions
    {
        KubernetesClientOptions(rateLimit: .tokenBucket(queriesPerSecond: settings.qps, burst: settings.burst),
                                requestObserver: requestObserver)
    }

    /// Builds client, executor and engine, runs `body` with the engine while the watches run, and
    /// closes everything afterwards whatever `body` did.
    public static func withEngine<Result: Sendable>(
        site: SiteConfiguration, clientOptions: KubernetesClientOptions? = nil,
        watchOptions: PodListWatch.Options = PodListWatch.Options(resyncInterval: .seconds(900)),
        staging stagingConfiguration: StagingConfiguration? = nil,
        logger: Logger = Logger(label: "arkd.engine"),
        _ body: @Sendable (Engine) async throws -> Result
    ) async throws -> Result {
        let options = clientOptions ?? Self.clientOptions(for: site.kubernetes)
        let client = try KubernetesClient(configuration: try clientConfiguration(for: site.kubernetes), options: options,
                                          logger: logger)
        var staging = stagingConfiguration ?? StagingConfiguration()
        if stagingConfiguration == nil { staging.allowedFileRoots = site.allowedFileRoots }
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: staging.makeHTTPClientConfiguration())
        let result: Swift.Result<Result, any Error>
        do {
            let configuration = site.engineConfiguration
            let executor = KubernetesExecutor(
                operations: ClientPodOperations(client: client, watchOptions: watchOptions), site: site,
                sessionRoot: configuration.sessionRoot, logger: logger)
            let stager = Stager(configuration: staging, httpClient: httpClient, limiter: ConcurrencyLimiter(limit: 16))
            let engine = try Engine(configuration: configuration, executor: executor,
                                    staging: StagingAdapter(stager: stager), logger: logger)
            result = try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await executor.run() }
                group.addTask { await executor.reconcile(with: engine.store) }
                defer { group.cancelAll() }
                return .success(try await body(engine))
            }
        } catch {
            result = .failure(error)
        }
        try await httpClient.shutdown()
        try await client.shutdown()
        return try result.get()
    }
}
