/// `core/v1 VolumeMount`. `subPath` lets many jobs share one volume, each seeing its own directory.
public struct VolumeMount: Codable, Sendable, Hashable {
    public var name: String
    public var mountPath: String
    public var subPath: String?
    public var readOnly: Bool?

    public init(name: String, mountPath: String, subPath: String? = nil, readOnly: Bool? = nil) {
        self.name = name
        self.mountPath = mountPath
        self.subPath = subPath
        self.readOnly = readOnly
    }
}
