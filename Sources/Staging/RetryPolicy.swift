/// How often and how patiently transient failures are retried.
///
/// Delays grow exponentially and are jittered so many jobs hitting one failing server do not retry
/// in lock-step; a server's Retry-After (on 429 and 503) is honoured up to `maxRetryAfter`, so a
/// hostile or mistaken header cannot park a job for hours.
public struct RetryPolicy: Sendable, Hashable {
    /// Total attempts including the first; 1 disables retries.
    public var maxAttempts: Int
    /// Wait after the first failure, before jitter.
    public var initialDelay: Duration
    /// The backoff stops growing here.
    public var maxDelay: Duration
    /// Growth of the wait from one failure to the next.
    public var multiplier: Double
    /// Fraction of each delay that is random: 0.5 waits between 50% and 100% of the computed delay.
    public var jitter: Double
    /// The longest server-requested wait that is honoured; longer ones are cut to this.
    public var maxRetryAfter: Duration

    public init(maxAttempts: Int = 4, initialDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(30),
                multiplier: Double = 2, jitter: Double = 0.5, maxRetryAfter: Duration = .seconds(120)) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.multiplier = max(1, multiplier)
        self.jitter = min(max(jitter, 0), 1)
        self.maxRetryAfter = maxRetryAfter
    }

    /// The wait before attempt `attempt + 1`, after `attempt` attempts have failed.
    func delay(after attempt: Int, retryAfter: Duration?) -> Duration {
        var backoff = initialDelay
        for _ in 1..<max(attempt, 1) where backoff < maxDelay {
            backoff = backoff * multiplier
        }
        backoff = min(backoff, maxDelay)
        let jittered = backoff * (1 - Double.random(in: 0...jitter))
        guard let retryAfter else { return jittered }
        return max(jittered, min(retryAfter, maxRetryAfter))
    }
}
