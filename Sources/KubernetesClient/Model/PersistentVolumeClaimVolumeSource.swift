/// `core/v1 PersistentVolumeClaimVolumeSource`: a claim in the pod's namespace.
public struct PersistentVolumeClaimVolumeSource: Codable, Sendable, Hashable {
    public var claimName: String
    public var readOnly: Bool?

    public init(claimName: String, readOnly: Bool? = nil) {
        self.claimName = claimName
        self.readOnly = readOnly
    }
}
