/// How often and how patiently a request is repeated after 429, 5xx, a timeout or a connection
/// error. Delays grow exponentially with jitter so many clients do not retry in step; a server's
/// `Retry-After` is honoured up to `maxRetryAfter`.
public struct KubernetesRetryPolicy: Sendable, Hashable {
    /// Total attempts including the first; 1 disables retries.
    public var maxAttempts: Int
    public var initialDelay: Duration
    public var maxDelay: Duration
    /// Fraction of each delay that is random: 0.5 waits between 50% and 100% of the computed delay.
    public var jitter: Double
    public var maxRetryAfter: Duration

    public init(maxAttempts: Int = 5, initialDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(10),
                jitter: Double = 0.5, maxRetryAfter: Duration = .seconds(60)) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.jitter = min(max(jitter, 0), 1)
        self.maxRetryAfter = maxRetryAfter
    }

    /// The wait after `attempt` failed attempts; at least the server's `Retry-After` when given.
    func delay(after attempt: Int, retryAfter: Duration?) -> Duration {
        var backoff = initialDelay
        for _ in 1..<max(attempt, 1) where backoff < maxDelay {
            backoff = backoff * 2
        }
        backoff = min(backoff, maxDelay)
        let jittered = backoff * (1 - Double.random(in: 0...jitter))
        guard let retryAfter else { return jittered }
        return max(jittered, min(retryAfter, maxRetryAfter))
    }
}
