import Foundation

/// `core/v1 NodeStatus`: what the node has (`capacity`), what pods may use (`allocatable`), and
/// its health.
public struct NodeStatus: Codable, Sendable, Hashable {
    public var capacity: [String: String]?
    public var allocatable: [String: String]?
    public var conditions: [Condition]?
    public var nodeInfo: SystemInfo?
    public var addresses: [Address]?

    public init(capacity: [String: String]? = nil, allocatable: [String: String]? = nil,
                conditions: [Condition]? = nil, nodeInfo: SystemInfo? = nil, addresses: [Address]? = nil) {
        self.capacity = capacity
        self.allocatable = allocatable
        self.conditions = conditions
        self.nodeInfo = nodeInfo
        self.addresses = addresses
    }

    /// `core/v1 NodeCondition`: `Ready`, `MemoryPressure`, `DiskPressure`, `PIDPressure`, …
    public struct Condition: Codable, Sendable, Hashable {
        public var type: String
        public var status: String
        public var reason: String?
        public var message: String?
        public var lastHeartbeatTime: Date?
        public var lastTransitionTime: Date?

        public init(type: String, status: String, reason: String? = nil, message: String? = nil,
                    lastHeartbeatTime: Date? = nil, lastTransitionTime: Date? = nil) {
            self.type = type
            self.status = status
            self.reason = reason
            self.message = message
            self.lastHeartbeatTime = lastHeartbeatTime
            self.lastTransitionTime = lastTransitionTime
        }
    }

    /// `core/v1 NodeSystemInfo`.
    public struct SystemInfo: Codable, Sendable, Hashable {
        public var architecture: String?
        public var operatingSystem: String?
        public var osImage: String?
        public var kernelVersion: String?
        public var kubeletVersion: String?
        public var containerRuntimeVersion: String?
        public var machineID: String?

        public init(architecture: String? = nil, operatingSystem: String? = nil, osImage: String? = nil,
                    kernelVersion: String? = nil, kubeletVersion: String? = nil,
                    containerRuntimeVersion: String? = nil, machineID: String? = nil) {
            self.architecture = architecture
            self.operatingSystem = operatingSystem
            self.osImage = osImage
            self.kernelVersion = kernelVersion
            self.kubeletVersion = kubeletVersion
            self.containerRuntimeVersion = containerRuntimeVersion
            self.machineID = machineID
        }
    }

    /// `core/v1 NodeAddress`: `InternalIP`, `ExternalIP`, `Hostname`, …
    public struct Address: Codable, Sendable, Hashable {
        public var type: String
        public var address: String

        public init(type: String, address: String) {
            self.type = type
            self.address = address
        }
    }
}
