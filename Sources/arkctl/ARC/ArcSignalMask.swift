import Foundation

/// A-REX starts its children with the signal mask of one of its worker threads, which blocks
/// nearly every signal (spec §3.1, pitfall 2): such a process ignores the SIGTERM that A-REX or an
/// operator sends it. Every `arkctl arc` command unblocks all signals first, on its own thread and on
/// the main thread, so a signal for the process has threads that take it; threads started later
/// inherit the empty mask.
enum ArcSignalMask {
    static func reset() async {
        clear()
        await MainActor.run { clear() }
    }

    private static func clear() {
        var empty = sigset_t()
        sigemptyset(&empty)
        sigprocmask(SIG_SETMASK, &empty, nil)
    }
}
