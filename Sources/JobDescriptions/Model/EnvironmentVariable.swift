/// A variable set for the running job; kept in the order written, duplicates included, because the
/// last one wins when the job's environment is built.
public struct EnvironmentVariable: Sendable, Hashable, Codable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
