/// The configuration file's shape: every key optional, so that the file holds only what a site
/// changes; `SiteConfigurationLoader` lays it over the defaults.
struct SiteConfigurationFile: Decodable {
    struct Kubernetes: Decodable {
        struct SessionVolume: Decodable {
            var persistentVolumeClaim: String?
            var hostPath: String?
        }

        var kubeconfig: String?
        var context: String?
        var inCluster: Bool?
        var allowInsecureTLS: Bool?
        var qps: Double?
        var burst: Int?
        var sessionVolume: SessionVolume?
        var allowedRegistries: [String]?
        var runtimeEnvironmentImages: [String: String]?
        var imagePullGrace: ConfigurationDuration?
        var unschedulableTimeout: ConfigurationDuration?
        var watchTimeout: ConfigurationDuration?
        var cancelGracePeriod: ConfigurationDuration?
    }

    struct Queue: Decodable {
        var namespace: String?
        var image: String?
        var runAsUser: Int?
        var runAsGroup: Int?
        var defaultMemoryMiB: Int?
        var maxMemoryMiB: Int?
        var maxCPUs: Int?
        var defaultWallTime: ConfigurationDuration?
        var maxWallTime: ConfigurationDuration?
        var gpuResource: String?
        var nodeSelector: [String: String]?
        var tolerations: [TolerationPolicy]?
        var kueueQueue: String?
        var shellRedirection: Bool?
    }

    struct Server: Decodable {
        struct Listen: Decodable {
            var host: String
            var port: Int
        }

        struct TLS: Decodable {
            var certificateChain: String
            var privateKey: String
        }

        var socketPath: String?
        var listen: Listen?
        var tls: TLS?
        var tokenFile: String?
        var maxRequestBytes: Int?
    }

    var stateDirectory: String?
    var sessionRoot: String?
    var executor: SiteConfiguration.ExecutorKind?
    var maxRunningJobs: Int?
    var allowedSchemes: [String]?
    var allowedFileRoots: [String]?
    var gridSessionRoots: [String]?
    var kubernetes: Kubernetes?
    var defaultQueue: String?
    var queues: [String: Queue]?
    var server: Server?
    var logLevel: String?

    /// The keys each mapping may hold, for reporting a misspelt key where it is instead of
    /// silently ignoring it.
    static let schema = ConfigurationSchema.object([
        "stateDirectory": .scalar, "sessionRoot": .scalar, "executor": .scalar, "maxRunningJobs": .scalar,
        "allowedSchemes": .list, "allowedFileRoots": .list, "gridSessionRoots": .list, "defaultQueue": .scalar, "logLevel": .scalar,
        "server": .object([
            "socketPath": .scalar, "tokenFile": .scalar, "maxRequestBytes": .scalar,
            "listen": .object(["host": .scalar, "port": .scalar]),
            "tls": .object(["certificateChain": .scalar, "privateKey": .scalar]),
        ]),
        "kubernetes": .object([
            "kubeconfig": .scalar, "context": .scalar, "inCluster": .scalar, "allowInsecureTLS": .scalar,
            "qps": .scalar, "burst": .scalar, "allowedRegistries": .list, "runtimeEnvironmentImages": .anyMapping,
            "imagePullGrace": .scalar, "unschedulableTimeout": .scalar, "watchTimeout": .scalar,
            "cancelGracePeriod": .scalar,
            "sessionVolume": .object(["persistentVolumeClaim": .scalar, "hostPath": .scalar]),
        ]),
        "queues": .mappingOf(.object([
            "namespace": .scalar, "image": .scalar, "runAsUser": .scalar, "runAsGroup": .scalar,
            "defaultMemoryMiB": .scalar, "maxMemoryMiB": .scalar, "maxCPUs": .scalar, "defaultWallTime": .scalar,
            "maxWallTime": .scalar, "gpuResource": .scalar, "nodeSelector": .anyMapping, "kueueQueue": .scalar,
            "shellRedirection": .scalar,
            "tolerations": .listOf(.object(["key": .scalar, "operator": .scalar, "value": .scalar,
                                            "effect": .scalar, "tolerationSeconds": .scalar])),
        ])),
    ])
}

/// Which keys a configuration mapping may hold.
indirect enum ConfigurationSchema: Sendable {
    case scalar
    case list
    case listOf(ConfigurationSchema)
    /// Keys chosen by the site (labels, image names), values scalars.
    case anyMapping
    /// Keys chosen by the site (queue names), values of one shape.
    case mappingOf(ConfigurationSchema)
    case object([String: ConfigurationSchema])
}
