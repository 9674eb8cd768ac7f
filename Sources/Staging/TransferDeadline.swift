/// Runs one transfer attempt under an overall deadline and an idle timeout.
///
/// AsyncHTTPClient's deadline covers the request only until the response head arrives, and its
/// read timeout belongs to the client the caller built; this watchdog bounds the whole attempt,
/// body included, with the stager's own settings. When it fires the attempt is cancelled (so its
/// temporary file is removed) and a `.timeout` failure is reported.
enum TransferDeadline {
    private enum Outcome<T: Sendable>: Sendable {
        case finished(T)
        case expired(String?)
    }

    static func run<T: Sendable>(
        timeout: Duration, idleTimeout: Duration,
        _ operation: @escaping @Sendable (TransferActivity) async throws(TransferFailure) -> T
    ) async throws(TransferFailure) -> T {
        let activity = TransferActivity()
        do {
            return try await withThrowingTaskGroup(of: Outcome<T>.self) { group in
                group.addTask { .finished(try await operation(activity)) }
                group.addTask { .expired(await watch(activity, timeout: timeout, idleTimeout: idleTimeout)) }
                while let outcome = try await group.next() {
                    switch outcome {
                    case .finished(let value):
                        group.cancelAll()
                        return value
                    case .expired(let reason?):
                        group.cancelAll()
                        throw TransferFailure(.timeout(reason))
                    case .expired(nil):
                        continue
                    }
                }
                throw TransferFailure(.cancelled)
            }
        } catch {
            throw TransferFailure(classifying: error)
        }
    }

    /// Returns why the attempt expired, or nil when the watchdog itself was cancelled (the attempt
    /// finished, or the caller was cancelled).
    private static func watch(_ activity: TransferActivity, timeout: Duration, idleTimeout: Duration) async -> String? {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            let idleDeadline = activity.lastActivity + idleTimeout
            let now = clock.now
            if now >= deadline { return "the transfer did not finish within \(timeout.shortDescription)" }
            if now >= idleDeadline { return "no data moved for \(idleTimeout.shortDescription)" }
            do {
                try await Task.sleep(until: min(deadline, idleDeadline), clock: clock)
            } catch {
                return nil
            }
        }
    }
}
