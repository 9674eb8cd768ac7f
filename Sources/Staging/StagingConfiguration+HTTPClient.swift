import AsyncHTTPClient
import NIOCore

extension StagingConfiguration {
    /// A client configuration that fits the `Stager`: redirects are left to the stager (which
    /// counts them against `maxRedirects` and refuses non-http targets), connect and read timeouts
    /// come from this configuration, and the per-host connection limit is at least
    /// `hostConnectionLimit` so the concurrency limiter, not the pool, decides how many transfers run.
    ///
    /// A client built differently still works; its own redirect and timeout rules then apply first.
    public func makeHTTPClientConfiguration(hostConnectionLimit: Int = 16) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: connectTimeout.timeAmount, read: idleTimeout.timeAmount)
        )
        configuration.connectionPool = .init(
            idleTimeout: .seconds(60),
            concurrentHTTP1ConnectionsPerHostSoftLimit: max(8, hostConnectionLimit)
        )
        return configuration
    }
}
