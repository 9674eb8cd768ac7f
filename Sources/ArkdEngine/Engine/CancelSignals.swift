import Synchronization

/// Lets a cancel request interrupt a job's staging, which runs in the job's driver task and cannot be
/// reached by the caller of `cancel` directly.
final class CancelSignals: Sendable {
    private struct State {
        var fired: Set<JobID> = []
        var waiters: [JobID: [Int: CheckedContinuation<Void, Never>]] = [:]
        var nextToken = 0
    }

    private let state = Mutex(State())

    func fire(_ id: JobID) {
        let waiting = state.withLock { state in
            state.fired.insert(id)
            return state.waiters.removeValue(forKey: id).map { Array($0.values) } ?? []
        }
        for continuation in waiting { continuation.resume() }
    }

    func clear(_ id: JobID) {
        state.withLock { _ = $0.fired.remove(id) }
    }

    /// Returns when `id` is cancelled, or when the calling task is.
    func wait(for id: JobID) async {
        let token = state.withLock { state in
            state.nextToken += 1
            return state.nextToken
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    if state.fired.contains(id) || Task.isCancelled { return true }
                    state.waiters[id, default: [:]][token] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let continuation = state.withLock { $0.waiters[id]?.removeValue(forKey: token) }
            continuation?.resume()
        }
    }

    /// Runs `work` unless `id` is cancelled first; true when `work` ran to its end.
    func run(_ id: JobID, _ work: @escaping @Sendable () async -> Void) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await work()
                return true
            }
            group.addTask {
                await self.wait(for: id)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }
}
