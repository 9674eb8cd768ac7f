import ArkdEngine

/// Who made a request: the owner a token stands for and what it may do.
public struct Principal: Sendable, Hashable {
    public var owner: String
    public var role: Role

    public init(owner: String, role: Role) {
        self.owner = owner
        self.role = role
    }

    /// A job is visible to its owner and to admins; to anyone else it does not exist (404), so ids
    /// cannot be probed.
    public func canSee(_ job: JobRecord) -> Bool {
        role == .admin || job.owner == owner
    }
}
