/// `core/v1 EnvVar`. `valueFrom` is kept as raw JSON so decoded pods keep it.
public struct EnvVar: Codable, Sendable, Hashable {
    public var name: String
    public var value: String?
    public var valueFrom: JSONValue?

    public init(name: String, value: String? = nil, valueFrom: JSONValue? = nil) {
        self.name = name
        self.value = value
        self.valueFrom = valueFrom
    }
}
