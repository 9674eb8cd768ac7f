/// `core/v1 Volume`, limited to the sources arkd uses for session directories and scratch space.
public struct Volume: Codable, Sendable, Hashable {
    public var name: String
    public var hostPath: HostPathVolumeSource?
    public var persistentVolumeClaim: PersistentVolumeClaimVolumeSource?
    public var emptyDir: EmptyDirVolumeSource?

    public init(name: String, hostPath: HostPathVolumeSource? = nil,
                persistentVolumeClaim: PersistentVolumeClaimVolumeSource? = nil, emptyDir: EmptyDirVolumeSource? = nil) {
        self.name = name
        self.hostPath = hostPath
        self.persistentVolumeClaim = persistentVolumeClaim
        self.emptyDir = emptyDir
    }
}
