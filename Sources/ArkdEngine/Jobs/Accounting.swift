import Foundation

/// What a job used, as A-REX's `.diag` and accounting records want it.
public struct Accounting: Sendable, Hashable, Codable {
    public var startedAt: Date?
    public var endedAt: Date?
    /// Seconds of user CPU time over all the job's processes.
    public var userCPUSeconds: Double?
    /// Seconds of system (kernel) CPU time.
    public var systemCPUSeconds: Double?
    /// Peak resident memory, KiB.
    public var maxResidentKiB: Int?
    /// Where it ran (host name or Kubernetes node).
    public var nodeName: String?
    /// The container image it ran in, which ARC's accounting records as the worker-node instance
    /// (`wninstance`); nil for a local process.
    public var image: String?

    public init(startedAt: Date? = nil, endedAt: Date? = nil, userCPUSeconds: Double? = nil,
                systemCPUSeconds: Double? = nil, maxResidentKiB: Int? = nil, nodeName: String? = nil,
                image: String? = nil) {
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.userCPUSeconds = userCPUSeconds
        self.systemCPUSeconds = systemCPUSeconds
        self.maxResidentKiB = maxResidentKiB
        self.nodeName = nodeName
        self.image = image
    }

    /// Wall-clock seconds between start and end, when both are known.
    public var wallSeconds: Double? {
        guard let startedAt, let endedAt else { return nil }
        return max(0, endedAt.timeIntervalSince(startedAt))
    }
}
