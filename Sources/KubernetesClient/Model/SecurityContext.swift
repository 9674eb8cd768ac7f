/// `core/v1 SecurityContext` of one container.
public struct SecurityContext: Codable, Sendable, Hashable {
    public var runAsUser: Int64?
    public var runAsGroup: Int64?
    public var runAsNonRoot: Bool?
    public var allowPrivilegeEscalation: Bool?
    public var privileged: Bool?
    public var readOnlyRootFilesystem: Bool?
    public var capabilities: Capabilities?
    public var seccompProfile: SeccompProfile?

    public init(runAsUser: Int64? = nil, runAsGroup: Int64? = nil, runAsNonRoot: Bool? = nil,
                allowPrivilegeEscalation: Bool? = nil, privileged: Bool? = nil, readOnlyRootFilesystem: Bool? = nil,
                capabilities: Capabilities? = nil, seccompProfile: SeccompProfile? = nil) {
        self.runAsUser = runAsUser
        self.runAsGroup = runAsGroup
        self.runAsNonRoot = runAsNonRoot
        self.allowPrivilegeEscalation = allowPrivilegeEscalation
        self.privileged = privileged
        self.readOnlyRootFilesystem = readOnlyRootFilesystem
        self.capabilities = capabilities
        self.seccompProfile = seccompProfile
    }
}
