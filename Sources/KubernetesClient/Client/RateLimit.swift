/// How many requests per second one client may send: a token bucket refilled at `queriesPerSecond`
/// holding at most `burst`, like client-go's QPS and Burst.
public enum RateLimit: Sendable, Hashable {
    case unlimited
    case tokenBucket(queriesPerSecond: Double, burst: Int)

    /// client-go's defaults raised for a daemon that owns many pods: 50 per second, bursts of 100.
    public static let `default` = RateLimit.tokenBucket(queriesPerSecond: 50, burst: 100)
}
