/// Client behaviour that is not about which cluster to reach: rate limits, retries, deadlines,
/// and the metrics hook.
public struct KubernetesClientOptions: Sendable {
    public var rateLimit: RateLimit
    public var retry: KubernetesRetryPolicy
    /// The deadline of one attempt of an ordinary request, body included.
    public var requestTimeout: Duration
    public var connectTimeout: Duration
    /// The longest watch this client opens; the connection's idle-read limit is this plus a margin,
    /// so a dead connection ends a quiet watch instead of hanging it.
    public var maxWatchTimeout: Duration
    /// Larger bodies are refused, so a runaway log or list cannot exhaust memory.
    public var maxResponseBytes: Int
    /// Its first token is the `manager` in the server's managedFields.
    public var userAgent: String
    /// Called after every attempt, from the task that made it; keep it quick.
    public var requestObserver: (@Sendable (KubernetesRequestMetric) -> Void)?

    public init(rateLimit: RateLimit = .default, retry: KubernetesRetryPolicy = KubernetesRetryPolicy(),
                requestTimeout: Duration = .seconds(30), connectTimeout: Duration = .seconds(10),
                maxWatchTimeout: Duration = .seconds(600), maxResponseBytes: Int = 64 * 1_024 * 1_024,
                userAgent: String = "arkd-kubernetes-client/1",
                requestObserver: (@Sendable (KubernetesRequestMetric) -> Void)? = nil) {
        self.rateLimit = rateLimit
        self.retry = retry
        self.requestTimeout = requestTimeout
        self.connectTimeout = connectTimeout
        self.maxWatchTimeout = maxWatchTimeout
        self.maxResponseBytes = maxResponseBytes
        self.userAgent = userAgent
        self.requestObserver = requestObserver
    }
}
