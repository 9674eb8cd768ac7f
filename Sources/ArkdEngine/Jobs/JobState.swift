/// Where a job is in its life (DESIGN §4); each maps onto one of A-REX's states so the CE backend can
/// report it unchanged.
public enum JobState: String, Sendable, Hashable, Codable, CaseIterable {
    case accepted
    case preparing
    case submitting
    case queued
    case running
    case finishing
    case finished
    case failed
    case killed
    case deleted

    /// The job will not change any more, except to `deleted` when its session expires.
    public var isTerminal: Bool {
        switch self {
        case .finished, .failed, .killed, .deleted: true
        default: false
        }
    }

    /// A-REX's name for the state, as `arcstat` shows it.
    public var arcName: String {
        switch self {
        case .accepted: "ACCEPTED"
        case .preparing: "PREPARING"
        case .submitting: "SUBMIT"
        case .queued: "INLRMS:Q"
        case .running: "INLRMS:R"
        case .finishing: "FINISHING"
        case .finished: "FINISHED"
        case .failed: "FAILED"
        case .killed: "KILLED"
        case .deleted: "DELETED"
        }
    }
}
