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
