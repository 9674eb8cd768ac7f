/// What the engine must do after a transition has been committed to the store.
public enum JobAction: Sendable, Hashable {
    case stageIn
    case submit
    /// Follow the process or pod until it stops.
    case observe
    /// Stop the running process or pod.
    case kill
    case stageOut
    /// Free what the job held (executor resources, staging work); the session directory stays.
    case release
    /// Remove the session directory.
    case removeSession
    /// Nothing to do.
    case none
    /// The event makes no sense in this state; nothing changed.
    case reject(reason: String)
}
