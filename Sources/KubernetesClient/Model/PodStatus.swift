import Foundation

/// `core/v1 PodStatus`.
///
/// Drive job state from `containerStatuses[].state`, not from having seen phase `Running`: short
/// containers skip it, and a pod can be `Running` with its only container already terminated.
public struct PodStatus: Codable, Sendable, Hashable {
    public var phase: PodPhase?
    /// For example `DeadlineExceeded` or `Evicted`; absent for OOM kills.
    public var reason: String?
    public var message: String?
    public var conditions: [PodCondition]?
    public var hostIP: String?
    /// Absent on the first terminal event and back on the next one.
    public var podIP: String?
    public var startTime: Date?
    public var initContainerStatuses: [ContainerStatus]?
    public var containerStatuses: [ContainerStatus]?
    /// `Guaranteed`, `Burstable` or `BestEffort`.
    public var qosClass: String?

    public init(phase: PodPhase? = nil, reason: String? = nil, message: String? = nil,
                conditions: [PodCondition]? = nil, hostIP: String? = nil, podIP: String? = nil,
                startTime: Date? = nil, initContainerStatuses: [ContainerStatus]? = nil,
                containerStatuses: [ContainerStatus]? = nil, qosClass: String? = nil) {
        self.phase = phase
        self.reason = reason
        self.message = message
        self.conditions = conditions
        self.hostIP = hostIP
        self.podIP = podIP
        self.startTime = startTime
        self.initContainerStatuses = initContainerStatuses
        self.containerStatuses = containerStatuses
        self.qosClass = qosClass
    }
}
