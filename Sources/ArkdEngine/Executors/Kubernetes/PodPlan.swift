import JobDescriptions

/// Everything site policy decides about one job's pod, before it is written as a Kubernetes
/// object: kept apart from the rendering so that the decisions (image, resources, limits,
/// placement) are checked and tested on their own, and refused with a reason a user can act on.
public struct PodPlan: Sendable, Hashable {
    public var name: String
    public var namespace: String
    public var jobID: JobID
    public var queue: String
    public var image: String
    /// The payload's command line, and whether it goes through `/bin/sh` for redirections.
    public var command: [String]
    public var workingDirectory: String
    public var environment: [EnvironmentVariable]
    public var cpus: Int
    public var memoryMiB: Int
    public var gpus: Int
    public var gpuResource: String
    public var activeDeadlineSeconds: Int?
    public var terminationGracePeriodSeconds: Int
    public var runAsUser: Int
    public var runAsGroup: Int
    /// The job's directory relative to the session volume's root.
    public var sessionSubPath: String
    public var sessionVolume: KubernetesSettings.SessionVolume
    public var nodeSelector: [String: String]
    public var tolerations: [TolerationPolicy]
    public var kueueQueue: String?

    /// Where the session directory appears inside the container.
    public static let sessionMountPath = "/session"
    public static let containerName = "job"
    public static let finalizer = "arkd.io/harvest"
    public static let managedByLabel = "app.kubernetes.io/managed-by"
    public static let jobLabel = "arkd.io/job"
    public static let queueLabel = "arkd.io/queue"
    public static let kueueLabel = "kueue.x-k8s.io/queue-name"

    /// The pod's name is a pure function of the job id, so a create retried after a lost answer
    /// finds the first pod (409) instead of making a second one.
    public static func podName(for job: JobID) -> String { "arkd-" + job.rawValue }
}
