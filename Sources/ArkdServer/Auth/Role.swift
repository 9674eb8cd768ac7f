/// What a token may do. Roles are ordered: each includes the ones before it.
public enum Role: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Read jobs, their files and events, and the site's information.
    case read
    /// Also submit and cancel jobs.
    case submit
    /// Also see and cancel every owner's jobs.
    case admin

    private var rank: Int {
        switch self {
        case .read: 0
        case .submit: 1
        case .admin: 2
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}
