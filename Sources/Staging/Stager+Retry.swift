import Logging

extension Stager {
    /// Runs `attempt` until it succeeds, fails permanently, or `retry.maxAttempts` attempts have
    /// failed, sleeping a jittered, growing delay (at least the server's Retry-After) in between.
    func retrying<T>(
        _ context: FileContext, _ attempt: (_ number: Int) async throws(TransferFailure) -> T
    ) async throws(StagingError) -> (value: T, attempts: Int) {
        let policy = configuration.retry
        var number = 1
        while true {
            do throws(TransferFailure) {
                return (try await attempt(number), number)
            } catch {
                guard error.code.isTransient, number < policy.maxAttempts else {
                    throw context.error(error, attempts: number)
                }
                let delay = policy.delay(after: number, retryAfter: error.retryAfter)
                logger.info("transient staging failure, retrying", metadata: [
                    "staging.file": "\(context.name)", "staging.location": "\(context.location ?? "")",
                    "staging.attempt": "\(number)", "staging.delay": "\(delay.shortDescription)",
                    "staging.error": "\(error.code.message)",
                ])
                do {
                    try await Task.sleep(for: delay)
                } catch {
                    throw context.error(TransferFailure(.cancelled), attempts: number)
                }
                number += 1
            }
        }
    }
}
