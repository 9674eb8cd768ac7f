/// Something that happened to a job; the state machine decides what it means in the job's state.
public enum JobEvent: Sendable, Hashable {
    /// The engine takes an accepted job up.
    case prepare
    case stagedIn
    case stageInFailed(reason: String)
    /// The executor created the process or pod.
    case submitted
    case submitFailed(reason: String)
    /// The payload began to run.
    case started
    /// The payload stopped; the observer decided how.
    case completed(JobOutcome)
    /// The process or pod disappeared without an outcome (deleted externally, lost across a restart).
    case lost(reason: String)
    case stagedOut
    case stageOutFailed(reason: String)
    /// Someone asked for the job to stop.
    case cancel
    /// The session's lifetime is over.
    case expire
}
