import AsyncHTTPClient
import Foundation
import Logging
import NIOCore

/// A thin client for the core/v1 API: pods (create, get, list, watch, delete, patch, logs) and
/// nodes.
///
/// One instance holds one connection pool, one token bucket and one token cache, shared by every
/// request and task using it. Every request carries a deadline; 429, 5xx, timeouts and connection
/// errors are retried with jittered backoff (creates only where a repeat is safe). Call
/// `shutdown()` before dropping it.
public final class KubernetesClient: Sendable {
    public let configuration: KubernetesConfiguration
    public let options: KubernetesClientOptions
    let httpClient: HTTPClient
    let limiter: RateLimiter
    let tokens: TokenProvider?
    let logger: Logger
    let baseURL: String

    /// Reads the configuration's certificate and key files and sets up the connection pool.
    public init(configuration: KubernetesConfiguration, options: KubernetesClientOptions = KubernetesClientOptions(),
                logger: Logger = Logger(label: "arkd.kubernetes")) throws {
        self.configuration = configuration
        self.options = options
        self.logger = logger
        limiter = RateLimiter(options.rateLimit)
        tokens = configuration.token.map(TokenProvider.init)
        var url = configuration.server.absoluteString
        while url.hasSuffix("/") { url.removeLast() }
        baseURL = url

        var httpConfiguration = HTTPClient.Configuration(
            tlsConfiguration: try configuration.makeTLSConfiguration(),
            redirectConfiguration: .disallow,
            timeout: .init(connect: options.connectTimeout.timeAmount,
                           read: (options.maxWatchTimeout + .seconds(60)).timeAmount),
            decompression: .enabled(limit: .ratio(100))
        )
        // Watches are framed by newlines in one HTTP/1.1 chunked body; HTTP/2 would work as well
        // but gives nothing here and complicates flow control of long-lived streams.
        httpConfiguration.httpVersion = .http1Only
        httpClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: httpConfiguration)
    }

    /// Closes the connection pool. Requests still running fail.
    public func shutdown() async throws {
        try await httpClient.shutdown()
    }

    /// The namespace a call uses when given none.
    func namespace(_ namespace: String?) -> String {
        namespace ?? configuration.namespace
    }
}

extension Duration {
    var timeAmount: TimeAmount {
        .nanoseconds(Int64(min(seconds * 1e9, Double(Int64.max / 2))))
    }
}
