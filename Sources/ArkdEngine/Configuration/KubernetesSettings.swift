/// How arkd reaches its cluster and what it lets pods use. Only read with `executor: kubernetes`.
public struct KubernetesSettings: Sendable, Hashable {
    /// Where the session directories come from inside pods.
    public enum SessionVolume: Sendable, Hashable {
        /// A PersistentVolumeClaim on a shared filesystem that the CE host mounts at the session
        /// root too; each job mounts its own subPath.
        case persistentVolumeClaim(String)
        /// A node directory. Pod Security "restricted" refuses hostPath: single-node and test
        /// clusters only.
        case hostPath(String)
    }

    /// `nil` with `inCluster == false`: `$KUBECONFIG` or `~/.kube/config`.
    public var kubeconfig: String?
    /// `nil`: the kubeconfig's current context.
    public var context: String?
    /// Use the pod's service account (arkd running inside the cluster).
    public var inCluster: Bool
    /// `insecure-skip-tls-verify` in a kubeconfig is refused unless this is set.
    public var allowInsecureTLS: Bool
    /// Requests per second to the API server, and the burst above it.
    public var qps: Double
    public var burst: Int
    public var sessionVolume: SessionVolume
    /// Registries (host, or host/path prefix) images may come from; empty allows every registry.
    public var allowedRegistries: [String]
    /// Images for runtime environments (`ENV/ARKD-CONTAINER` names its image itself).
    public var runtimeEnvironmentImages: [String: String]
    /// How long a pod may wait on an image (ErrImagePull, ImagePullBackOff...) before the job fails.
    public var imagePullGrace: Duration
    /// How long a pod may stay unschedulable before the job fails.
    public var unschedulableTimeout: Duration
    /// Server-side timeout of one watch request; the watch is renewed after it.
    public var watchTimeout: Duration
    /// Grace period of a cancel: SIGTERM, then SIGKILL after it.
    public var cancelGracePeriod: Duration

    public init(kubeconfig: String? = nil, context: String? = nil, inCluster: Bool = false,
                allowInsecureTLS: Bool = false, qps: Double = 50, burst: Int = 100,
                sessionVolume: SessionVolume = .hostPath("/var/spool/arkd/sessions"),
                allowedRegistries: [String] = [], runtimeEnvironmentImages: [String: String] = [:],
                imagePullGrace: Duration = .seconds(300), unschedulableTimeout: Duration = .seconds(3600),
                watchTimeout: Duration = .seconds(300), cancelGracePeriod: Duration = .seconds(30)) {
        self.kubeconfig = kubeconfig
        self.context = context
        self.inCluster = inCluster
        self.allowInsecureTLS = allowInsecureTLS
        self.qps = qps
        self.burst = burst
        self.sessionVolume = sessionVolume
        self.allowedRegistries = allowedRegistries
        self.runtimeEnvironmentImages = runtimeEnvironmentImages
        self.imagePullGrace = imagePullGrace
        self.unschedulableTimeout = unschedulableTimeout
        self.watchTimeout = watchTimeout
        self.cancelGracePeriod = cancelGracePeriod
    }

    /// Whether `image` comes from an allowed registry. An image without a registry host is
    /// Docker Hub's (`docker.io/library/...`), as the container runtime reads it.
    public func allows(image: String) -> Bool {
        guard !allowedRegistries.isEmpty else { return true }
        let qualified = Self.qualified(image)
        return allowedRegistries.contains { registry in
            let prefix = registry.hasSuffix("/") ? registry : registry + "/"
            return qualified.hasPrefix(prefix)
        }
    }

    /// `busybox` → `docker.io/library/busybox`, `user/app` → `docker.io/user/app`; names whose first
    /// part has a dot, a colon or is `localhost` already name their registry.
    static func qualified(_ image: String) -> String {
        let parts = image.split(separator: "/", maxSplits: 1)
        if parts.count == 2, parts[0].contains(".") || parts[0].contains(":") || parts[0] == "localhost" {
            return image
        }
        return parts.count == 1 ? "docker.io/library/" + image : "docker.io/" + image
    }
}
