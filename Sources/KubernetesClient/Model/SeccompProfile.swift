/// `core/v1 SeccompProfile`: `RuntimeDefault`, `Localhost` (with a profile) or `Unconfined`.
public struct SeccompProfile: Codable, Sendable, Hashable {
    public var type: String
    public var localhostProfile: String?

    public init(type: String, localhostProfile: String? = nil) {
        self.type = type
        self.localhostProfile = localhostProfile
    }

    /// The container runtime's default profile, which Pod Security "restricted" asks for.
    public static let runtimeDefault = SeccompProfile(type: "RuntimeDefault")
}
