/// `core/v1 Toleration`: lets a pod onto nodes with a matching taint.
public struct Toleration: Codable, Sendable, Hashable {
    public var key: String?
    /// `Exists` or `Equal`.
    public var `operator`: String?
    public var value: String?
    /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
    public var effect: String?
    public var tolerationSeconds: Int64?

    public init(key: String? = nil, operator: String? = nil, value: String? = nil, effect: String? = nil,
                tolerationSeconds: Int64? = nil) {
        self.key = key
        self.operator = `operator`
        self.value = value
        self.effect = effect
        self.tolerationSeconds = tolerationSeconds
    }
}
