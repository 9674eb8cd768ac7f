import Synchronization

/// The token bucket shared by every request of one client.
///
/// Each caller reserves a token at once (the count may go negative) and then sleeps for as long
/// as the bucket needs to refill up to its reservation, so waiters are served in arrival order
/// without a queue.
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    private let rate: Double
    private let burst: Double
    private let limited: Bool
    private let bucket: Mutex<Bucket>

    init(_ limit: RateLimit) {
        switch limit {
        case .unlimited:
            rate = 0
            burst = 0
            limited = false
            bucket = Mutex(Bucket(tokens: 0, updated: .now))
        case .tokenBucket(let queriesPerSecond, let burst):
            rate = max(queriesPerSecond, 0.001)
            self.burst = Double(max(burst, 1))
            limited = true
            bucket = Mutex(Bucket(tokens: Double(max(burst, 1)), updated: .now))
        }
    }

    /// Waits until one more request may be sent.
    func acquire() async throws {
        guard limited else { return }
        let wait = bucket.withLock { bucket -> Duration in
            let now = ContinuousClock.now
            bucket.tokens = min(burst, bucket.tokens + (now - bucket.updated).seconds * rate)
            bucket.updated = now
            bucket.tokens -= 1
            return bucket.tokens >= 0 ? .zero : .seconds(-bucket.tokens / rate)
        }
        if wait > .zero {
            try await Task.sleep(for: wait)
        }
    }
}

extension Duration {
    /// The duration in (fractional) seconds.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
