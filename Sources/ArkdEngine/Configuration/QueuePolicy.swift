/// What a queue decides for the jobs that run in it: where their pods go, as whom they run, and
/// what they may ask for. A site maps its grid queues (ARC's `queue` attribute) onto these.
public struct QueuePolicy: Sendable, Hashable {
    /// Kubernetes namespace of the queue's pods.
    public var namespace: String
    /// Image for jobs whose runtime environments map to none.
    public var image: String?
    /// The uid and gid direct submissions run as (ARC jobs run as the session directory's owner).
    public var runAsUser: Int
    public var runAsGroup: Int
    /// Memory for a job that does not say, in MiB.
    public var defaultMemoryMiB: Int
    /// The most a job may ask for; larger requests are refused at submission, not left pending.
    public var maxMemoryMiB: Int?
    public var maxCPUs: Int?
    /// Wall time for a job that does not say.
    public var defaultWallTime: Duration?
    public var maxWallTime: Duration?
    /// The extended resource a GPU request becomes.
    public var gpuResource: String
    public var nodeSelector: [String: String]
    public var tolerations: [TolerationPolicy]
    /// Kueue's `LocalQueue` for quotas and fair share; `nil` leaves Kueue out.
    public var kueueQueue: String?
    /// Redirections (stdin, stdout, stderr) go through the image's `/bin/sh`. Without a shell the
    /// payload runs directly and its pod log (stdout and stderr merged, as the runtime keeps them)
    /// is copied into the session directory when it ends; stdin cannot be given then.
    public var shellRedirection: Bool

    public init(namespace: String = "default", image: String? = nil, runAsUser: Int = 1000, runAsGroup: Int = 1000,
                defaultMemoryMiB: Int = 2048, maxMemoryMiB: Int? = nil, maxCPUs: Int? = nil,
                defaultWallTime: Duration? = nil, maxWallTime: Duration? = nil, gpuResource: String = "nvidia.com/gpu",
                nodeSelector: [String: String] = [:], tolerations: [TolerationPolicy] = [], kueueQueue: String? = nil,
                shellRedirection: Bool = true) {
        self.namespace = namespace
        self.image = image
        self.runAsUser = runAsUser
        self.runAsGroup = runAsGroup
        self.defaultMemoryMiB = defaultMemoryMiB
        self.maxMemoryMiB = maxMemoryMiB
        self.maxCPUs = maxCPUs
        self.defaultWallTime = defaultWallTime
        self.maxWallTime = maxWallTime
        self.gpuResource = gpuResource
        self.nodeSelector = nodeSelector
        self.tolerations = tolerations
        self.kueueQueue = kueueQueue
        self.shellRedirection = shellRedirection
    }
}

/// A toleration a queue adds to its pods, so that they may run on tainted (e.g. GPU) nodes.
public struct TolerationPolicy: Sendable, Hashable, Codable {
    public var key: String?
    /// `Equal` or `Exists`.
    public var `operator`: String?
    public var value: String?
    /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
    public var effect: String?
    public var tolerationSeconds: Int?

    public init(key: String? = nil, operator: String? = nil, value: String? = nil, effect: String? = nil,
                tolerationSeconds: Int? = nil) {
        self.key = key
        self.operator = `operator`
        self.value = value
        self.effect = effect
        self.tolerationSeconds = tolerationSeconds
    }
}
