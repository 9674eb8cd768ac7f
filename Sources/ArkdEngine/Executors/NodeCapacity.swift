/// One machine payloads can run on, and how busy it is with everything it runs (arkd's jobs and
/// anything else): what ARC's information system publishes so that brokers see the true load.
public struct NodeCapacity: Sendable, Hashable, Codable {
    public var name: String
    /// Cores the node offers to workloads (Kubernetes: allocatable).
    public var cpus: Double
    public var memoryMiB: Int
    /// Workloads on it now: pods not yet ended, or arkd's own payloads on this machine.
    public var pods: Int
    /// Cores those workloads take (Kubernetes: their requests; locally: the load average).
    public var usedCPUs: Double
    /// Whether new work can be placed there (ready and not cordoned).
    public var schedulable: Bool

    public init(name: String, cpus: Double, memoryMiB: Int, pods: Int, usedCPUs: Double, schedulable: Bool) {
        self.name = name
        self.cpus = cpus
        self.memoryMiB = memoryMiB
        self.pods = pods
        self.usedCPUs = usedCPUs
        self.schedulable = schedulable
    }
}
