/// Decodes a `wait4` status into ARC's exit-code convention: the exit code, or 256+N for a signal N.
struct WaitStatus: Sendable, Hashable {
    var raw: Int32

    var signal: Int32? {
        let low = raw & 0x7F
        return low != 0 && low != 0x7F ? low : nil
    }

    var exitCode: Int32? { signal == nil ? (raw >> 8) & 0xFF : nil }

    /// ARC's number: the exit code, or 256 + the signal.
    var arcExitCode: Int {
        if let signal { return 256 + Int(signal) }
        return Int(exitCode ?? 0)
    }
}
