import Foundation

/// `core/v1 PodCondition`, e.g. `PodScheduled=False` with reason `Unschedulable`.
public struct PodCondition: Codable, Sendable, Hashable {
    /// `PodScheduled`, `Initialized`, `ContainersReady`, `Ready`, …
    public var type: String
    /// `True`, `False` or `Unknown`.
    public var status: String
    public var reason: String?
    public var message: String?
    public var lastTransitionTime: Date?
    /// Always `null` from the servers recorded; kept for completeness.
    public var lastProbeTime: Date?

    public init(type: String, status: String, reason: String? = nil, message: String? = nil,
                lastTransitionTime: Date? = nil, lastProbeTime: Date? = nil) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastTransitionTime = lastTransitionTime
        self.lastProbeTime = lastProbeTime
    }
}
