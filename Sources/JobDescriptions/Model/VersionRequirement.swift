/// A named software requirement with a version comparison (xRSL `opsys`, `middleware`).
public struct VersionRequirement: Sendable, Hashable, Codable {
    public var name: String
    public var version: String?
    public var relation: RelationOperator

    public init(name: String, version: String?, relation: RelationOperator) {
        self.name = name
        self.version = version
        self.relation = relation
    }
}
