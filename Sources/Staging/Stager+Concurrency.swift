extension Stager {
    /// Runs `work` for every item, at most `perJobConcurrency` at a time. With `failFast`, the
    /// first failure cancels the running items and starts no more (their slots stay nil).
    func forEachBounded<Item: Sendable, Output: Sendable>(
        _ items: [Item], failFast: Bool,
        _ work: @escaping @Sendable (Item) async -> Result<Output, StagingError>
    ) async -> [Result<Output, StagingError>?] {
        var results = [Result<Output, StagingError>?](repeating: nil, count: items.count)
        let width = min(configuration.perJobConcurrency, items.count)
        await withTaskGroup(of: (Int, Result<Output, StagingError>).self) { group in
            var stopped = false
            for (index, item) in items.enumerated() {
                if index >= width {
                    // Wait for a running item to finish before starting another.
                    _ = await completeOne(&group, into: &results, failFast: failFast, stopped: &stopped)
                }
                if stopped { break }
                group.addTask { (index, await work(item)) }
            }
            while await completeOne(&group, into: &results, failFast: failFast, stopped: &stopped) {}
        }
        return results
    }

    /// Waits for one item to finish and records it; false when none was running.
    private func completeOne<Output: Sendable>(
        _ group: inout TaskGroup<(Int, Result<Output, StagingError>)>,
        into results: inout [Result<Output, StagingError>?], failFast: Bool, stopped: inout Bool
    ) async -> Bool {
        guard let (index, result) = await group.next() else { return false }
        results[index] = result
        if failFast, !stopped, case .failure = result {
            stopped = true
            group.cancelAll()
        }
        return true
    }

    /// Runs `body` holding a permit of the limiter shared by all jobs; a cancelled wait is reported
    /// as a cancelled transfer of this file.
    func holdingPermit<Output>(
        _ context: FileContext, _ body: () async -> Result<Output, StagingError>
    ) async -> Result<Output, StagingError> {
        do {
            try await limiter.acquire()
        } catch {
            return .failure(context.error(TransferFailure(.cancelled), attempts: 0))
        }
        let result = await body()
        await limiter.release()
        return result
    }
}
