/// `core/v1 EmptyDirVolumeSource`: scratch space that lives as long as the pod.
public struct EmptyDirVolumeSource: Codable, Sendable, Hashable {
    /// `""` (node disk) or `Memory`.
    public var medium: String?
    public var sizeLimit: String?

    public init(medium: String? = nil, sizeLimit: String? = nil) {
        self.medium = medium
        self.sizeLimit = sizeLimit
    }
}
