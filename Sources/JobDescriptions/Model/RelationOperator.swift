/// The six xRSL relation operators; kept in the model because only a few attributes give them a
/// meaning and the rest must be refused rather than silently read as `=`.
public enum RelationOperator: String, Sendable, Hashable, Codable, CaseIterable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
}
