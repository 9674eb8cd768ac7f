import Testing

@testable import KubernetesClient

@Suite("token bucket")
struct RateLimiterTests {
    @Test("a full bucket lets a burst through at once; the next request waits for a refill")
    func burstThenWait() async throws {
        let limiter = RateLimiter(.tokenBucket(queriesPerSecond: 0.001, burst: 3))
        for _ in 0..<3 {
            try await limiter.acquire()
        }
        // The fourth would wait about 1000 s; cancelled, it throws instead of returning, which
        // shows it was waiting rather than let through.
        let waiting = Task { try await limiter.acquire() }
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
    }

    @Test("unlimited never waits, even for a cancelled task")
    func unlimited() async throws {
        let limiter = RateLimiter(.unlimited)
        let task = Task {
            for _ in 0..<1_000 {
                try await limiter.acquire()
            }
        }
        task.cancel()
        try await task.value
    }
}
