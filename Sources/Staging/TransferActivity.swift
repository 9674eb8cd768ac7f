import Synchronization

/// When bytes last moved in a transfer, shared between the task moving them and the watchdog that
/// enforces the idle timeout.
final class TransferActivity: Sendable {
    private let last: Mutex<ContinuousClock.Instant>

    init() {
        last = Mutex(ContinuousClock.now)
    }

    /// Records that bytes moved just now.
    func touch() {
        let now = ContinuousClock.now
        last.withLock { $0 = now }
    }

    var lastActivity: ContinuousClock.Instant {
        last.withLock { $0 }
    }
}
