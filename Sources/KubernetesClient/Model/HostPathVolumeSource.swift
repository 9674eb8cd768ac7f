/// `core/v1 HostPathVolumeSource`. Refused by Pod Security "baseline" and "restricted".
public struct HostPathVolumeSource: Codable, Sendable, Hashable {
    public var path: String
    /// `Directory`, `DirectoryOrCreate`, … ; empty means no check.
    public var type: String?

    public init(path: String, type: String? = nil) {
        self.path = path
        self.type = type
    }
}
