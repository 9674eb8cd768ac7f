/// `core/v1 Container`.
public struct Container: Codable, Sendable, Hashable {
    public var name: String
    public var image: String?
    /// `Always`, `IfNotPresent` or `Never`.
    public var imagePullPolicy: String?
    public var command: [String]?
    public var args: [String]?
    public var workingDir: String?
    public var env: [EnvVar]?
    public var resources: ResourceRequirements?
    public var securityContext: SecurityContext?
    public var volumeMounts: [VolumeMount]?

    public init(name: String, image: String? = nil, imagePullPolicy: String? = nil, command: [String]? = nil,
                args: [String]? = nil, workingDir: String? = nil, env: [EnvVar]? = nil,
                resources: ResourceRequirements? = nil, securityContext: SecurityContext? = nil,
                volumeMounts: [VolumeMount]? = nil) {
        self.name = name
        self.image = image
        self.imagePullPolicy = imagePullPolicy
        self.command = command
        self.args = args
        self.workingDir = workingDir
        self.env = env
        self.resources = resources
        self.securityContext = securityContext
        self.volumeMounts = volumeMounts
    }
}
