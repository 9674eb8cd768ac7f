import Foundation

/// Bounded patience with the daemon for `arkctl arc submit` and `cancel`: while arkd is
/// unreachable or failing (the client's exit status 3: no answer, or a 5xx), try again with
/// exponential backoff, for at most about the given time. Submitting again is safe because the
/// submission carries an idempotency key.
enum ArcRetry {
    static func transient<T: Sendable>(for seconds: Double, what: String,
                                       _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let deadline = ContinuousClock.now + .seconds(max(0, seconds))
        var delay = Duration.milliseconds(500)
        while true {
            // An attempt may take the time left, and at least 10 s: the client's own timeout is longer.
            let left = max(deadline - ContinuousClock.now, .seconds(10))
            do {
                return try await withTimeout(left, operation)
            } catch let error as ArkdClientError where error.exitStatus == 3 {
                let remaining = deadline - ContinuousClock.now
                guard remaining > .zero else { throw error }
                let pause = min(delay, remaining)
                let wait = Double(pause.components.seconds) + Double(pause.components.attoseconds) / 1e18
                FileHandle.standardError.write(Data(
                    "arkctl: \(what): \(error.message); trying again in \(String(format: "%.1f", wait)) s\n".utf8))
                try await Task.sleep(for: pause)
                delay = min(delay * 2, .seconds(30))
            }
        }
    }

    /// The operation's result, or a transient `timeout` error once `limit` has passed (the request
    /// is then cancelled).
    static func withTimeout<T: Sendable>(_ limit: Duration, _ operation: @escaping @Sendable () async throws -> T)
        async throws -> T
    {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: limit)
                throw ArkdClientError(status: 0, code: "timeout",
                                      message: "arkd did not answer within \(limit.components.seconds) s")
            }
            defer { group.cancelAll() }
            guard let result = try await group.next() else { throw CancellationError() }
            return result
        }
    }
}
