import Synchronization

/// Fans job updates out to any number of watchers (`arkctl run`, the API's watch), none of which
/// can slow the engine down: each has a bounded buffer that keeps the newest updates.
final class JobUpdateBroadcaster: Sendable {
    private let subscribers = Mutex<[Int: AsyncStream<JobUpdate>.Continuation]>([:])
    private let nextID = Mutex<Int>(0)

    func subscribe() -> AsyncStream<JobUpdate> {
        let (stream, continuation) = AsyncStream<JobUpdate>.makeStream(bufferingPolicy: .bufferingNewest(10_000))
        let id = nextID.withLock { value in
            value += 1
            return value
        }
        subscribers.withLock { $0[id] = continuation }
        continuation.onTermination = { [weak self] _ in
            self?.subscribers.withLock { _ = $0.removeValue(forKey: id) }
        }
        return stream
    }

    func publish(_ update: JobUpdate) {
        let current = subscribers.withLock { Array($0.values) }
        for continuation in current { continuation.yield(update) }
    }

    func finish() {
        let current = subscribers.withLock { subscribers in
            defer { subscribers.removeAll() }
            return Array(subscribers.values)
        }
        for continuation in current { continuation.finish() }
    }
}
