/// `core/v1 NodeSpec`: whether the node takes new pods, and its taints.
public struct NodeSpec: Codable, Sendable, Hashable {
    /// Cordoned.
    public var unschedulable: Bool?
    public var taints: [Taint]?

    public init(unschedulable: Bool? = nil, taints: [Taint]? = nil) {
        self.unschedulable = unschedulable
        self.taints = taints
    }

    /// `core/v1 Taint`: keeps pods without a matching toleration away.
    public struct Taint: Codable, Sendable, Hashable {
        public var key: String
        public var value: String?
        public var effect: String

        public init(key: String, value: String? = nil, effect: String) {
            self.key = key
            self.value = value
            self.effect = effect
        }
    }
}
