/// How a job's run ended, decided when the payload stops and kept through stage-out, so the final
/// state (finished, failed, killed) and exit code are fixed before outputs move.
public enum JobOutcome: Sendable, Hashable, Codable {
    /// The payload ran and ended by itself. `exitCode` follows ARC: a signal N the payload raised
    /// itself is 256+N.
    case exited(exitCode: Int)
    /// arkd or the cluster could not run it, or stopped it for exceeding a limit; the exit code is
    /// known only when a process actually ended (e.g. 256+9 after a wall-time kill).
    case failed(reason: String, exitCode: Int?)
    /// Stopped on request.
    case killed(exitCode: Int?)

    /// The terminal state this outcome leads to.
    public var terminalState: JobState {
        switch self {
        case .exited: .finished
        case .failed: .failed
        case .killed: .killed
        }
    }

    public var exitCode: Int? {
        switch self {
        case .exited(let code): code
        case .failed(_, let code), .killed(let code): code
        }
    }

    public var reason: String? {
        switch self {
        case .exited: nil
        case .failed(let reason, _): reason
        case .killed: "killed on request"
        }
    }
}
