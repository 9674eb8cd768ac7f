/// An async counting semaphore: at most `limit` holders at once, waiters served first come, first
/// served.
///
/// One instance is shared by every job's `Stager` so the daemon as a whole never runs more than
/// `limit` transfers (sockets, file descriptors, disk bandwidth), however many jobs prepare at once.
/// Waiting suspends the task, never a thread, and a cancelled waiter leaves the queue at once.
public actor ConcurrencyLimiter {
    /// Permits in all: the most transfers running at once across every job that shares this limiter.
    public let limit: Int
    private var inUse = 0
    private var waiters: [(id: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
    private var nextWaiterID: UInt64 = 0

    /// - Parameter limit: permits available; values below 1 are treated as 1.
    public init(limit: Int = 16) {
        self.limit = max(1, limit)
    }

    /// Permits currently held, for metrics and tests.
    public var activeCount: Int { inUse }

    /// Waits for a permit. Throws `CancellationError` if the task is cancelled while waiting, in
    /// which case no permit is held.
    public func acquire() async throws {
        if inUse < limit, waiters.isEmpty {
            inUse += 1
            return
        }
        try Task.checkCancellation()
        let id = nextWaiterID
        nextWaiterID += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    waiters.append((id, continuation))
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    /// Returns a permit, handing it straight to the longest waiter if there is one.
    public func release() {
        if waiters.isEmpty {
            inUse = max(0, inUse - 1)
        } else {
            // The permit passes to the waiter; `inUse` stays the same.
            waiters.removeFirst().continuation.resume()
        }
    }

    /// Runs `body` holding a permit and returns it afterwards, whether `body` returns or throws.
    public nonisolated func withPermit<T: Sendable>(
        _ body: @Sendable () async throws -> T
    ) async throws -> T {
        try await acquire()
        do {
            let value = try await body()
            await release()
            return value
        } catch {
            await release()
            throw error
        }
    }

    private func cancelWaiter(_ id: UInt64) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: CancellationError())
    }
}
