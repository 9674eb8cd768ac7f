/// Which jobs a listing returns; every field that is set must match.
public struct JobListFilter: Sendable, Hashable {
    /// Empty: every state.
    public var states: Set<JobState>
    public var queue: String?
    public var owner: String?

    public init(states: Set<JobState> = [], queue: String? = nil, owner: String? = nil) {
        self.states = states
        self.queue = queue
        self.owner = owner
    }
}
