import Yams

/// Checks the values of a configuration that YAML's types cannot: names Kubernetes would refuse,
/// queues that do not exist, limits that cannot be met.
struct SiteConfigurationValidator {
    let file: String
    let root: Node?

    func validate(_ configuration: SiteConfiguration) throws(SiteConfigurationError) {
        guard !configuration.queues.isEmpty else {
            throw error(at: ["queues"], "at least one queue is needed")
        }
        guard configuration.queues[configuration.defaultQueue] != nil else {
            throw error(at: ["defaultQueue"], "the default queue '\(configuration.defaultQueue)' is not among the queues ("
                        + configuration.queues.keys.sorted().joined(separator: ", ") + ")")
        }
        if let running = configuration.maxRunningJobs, running < 1 {
            throw error(at: ["maxRunningJobs"], "maxRunningJobs must be at least 1")
        }
        for (index, root) in configuration.gridSessionRoots.enumerated() where !root.hasPrefix("/") || root == "/" {
            throw error(at: ["gridSessionRoots", String(index)], "a session root must be an absolute directory other than '/', not '\(root)'")
        }
        let kubernetes = configuration.kubernetes
        guard kubernetes.qps > 0 else { throw error(at: ["kubernetes", "qps"], "qps must be greater than 0") }
        guard kubernetes.burst >= 1 else { throw error(at: ["kubernetes", "burst"], "burst must be at least 1") }
        for (name, image) in kubernetes.runtimeEnvironmentImages.sorted(by: { $0.key < $1.key })
        where !kubernetes.allows(image: image) {
            throw error(at: ["kubernetes", "runtimeEnvironmentImages", name],
                        "image '\(image)' for '\(name)' is not from an allowed registry")
        }
        for (name, queue) in configuration.queues.sorted(by: { $0.key < $1.key }) {
            try validate(queue, named: name, kubernetes: kubernetes)
        }
        try validate(configuration.server)
    }

    private func validate(_ server: ServerSettings) throws(SiteConfigurationError) {
        guard server.maxRequestBytes >= 1024 else {
            throw error(at: ["server", "maxRequestBytes"], "maxRequestBytes must be at least 1024")
        }
        if let socket = server.socketPath, socket.utf8.count > 100 {
            throw error(at: ["server", "socketPath"], "a unix socket path must be at most 100 bytes long")
        }
        guard let listener = server.listener else {
            if server.tls != nil {
                throw error(at: ["server", "tls"], "tls needs a TCP listener: add server.listen")
            }
            return
        }
        guard (1...65535).contains(listener.port) else {
            throw error(at: ["server", "listen", "port"], "port must be between 1 and 65535")
        }
        guard server.tls != nil || listener.isLoopback else {
            throw error(at: ["server", "listen", "host"], "a TCP listener on '\(listener.host)' needs tls "
                        + "(certificateChain and privateKey); plain HTTP is allowed on loopback addresses only")
        }
        guard server.tokenFile != nil else {
            throw error(at: ["server", "listen"], "a TCP listener needs server.tokenFile: "
                        + "only the unix socket may be used without tokens")
        }
    }

    private func validate(_ queue: QueuePolicy, named name: String, kubernetes: KubernetesSettings)
        throws(SiteConfigurationError)
    {
        let path = ["queues", name]
        guard Self.isDNSLabel(queue.namespace) else {
            throw error(at: path + ["namespace"], "namespace '\(queue.namespace)' is not a valid Kubernetes name "
                        + "(lower-case letters, digits and '-', at most 63, starting and ending with a letter or digit)")
        }
        guard queue.runAsUser > 0, queue.runAsGroup >= 0 else {
            throw error(at: path + ["runAsUser"], "pods run as non-root: runAsUser must be greater than 0")
        }
        guard queue.defaultMemoryMiB > 0 else {
            throw error(at: path + ["defaultMemoryMiB"], "defaultMemoryMiB must be greater than 0")
        }
        if let maximum = queue.maxMemoryMiB, maximum < queue.defaultMemoryMiB {
            throw error(at: path + ["maxMemoryMiB"], "maxMemoryMiB is below defaultMemoryMiB")
        }
        if let maximum = queue.maxCPUs, maximum < 1 {
            throw error(at: path + ["maxCPUs"], "maxCPUs must be at least 1")
        }
        if let image = queue.image, !kubernetes.allows(image: image) {
            throw error(at: path + ["image"], "image '\(image)' is not from an allowed registry")
        }
        if let kueue = queue.kueueQueue, !Self.isDNSLabel(kueue) {
            throw error(at: path + ["kueueQueue"], "'\(kueue)' is not a valid Kueue queue name")
        }
    }

    private func error(at path: [String], _ message: String) -> SiteConfigurationError {
        let mark = SiteConfigurationLoader.position(of: path, in: root)
        return SiteConfigurationError(file: file, line: mark?.line, column: mark?.column, message: message)
    }

    /// RFC 1123 label, as Kubernetes requires for namespaces.
    static func isDNSLabel(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (1...63).contains(bytes.count), bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-") else {
            return false
        }
        return bytes.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-") }
    }
}
