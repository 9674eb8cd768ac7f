import Foundation
import Synchronization

/// Runs blocking file work for many jobs on a few threads of its own.
///
/// Finishing a job ends in an `fsync`, which waits for the disk; on the cooperative thread pool
/// (one thread per core) those waits would run one after another, while the file system can
/// commit many at once. Plain threads also keep the per-thread file-system identity switches
/// (`UserFileAccess`) away from threads that run other work.
enum ParallelWork {
    /// Calls `body` for every index in `0..<count` on up to `threads` threads and returns the
    /// results in index order, once all are done.
    static func map<T: Sendable>(_ count: Int, threads: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
        let workers = max(1, min(threads, count))
        guard workers > 1 else { return (0..<count).map(body) }
        let shared = Shared<T>(count: count)
        let done = DispatchGroup()
        for _ in 0..<workers {
            done.enter()
            let thread = Thread {
                while true {
                    let index = shared.next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard index < count else { break }
                    let result = body(index)
                    shared.results.withLock { $0[index] = result }
                }
                done.leave()
            }
            thread.start()
        }
        done.wait()
        return shared.results.withLock { $0.compactMap { $0 } }
    }

    private final class Shared<T: Sendable>: Sendable {
        let next = Atomic<Int>(0)
        let results: Mutex<[T?]>

        init(count: Int) {
            results = Mutex([T?](repeating: nil, count: count))
        }
    }
}
