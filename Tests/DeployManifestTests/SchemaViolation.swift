/// One way a manifest differs from what the API server accepts: the field, its line in the YAML
/// file (to find it quickly) and what is wrong.
struct SchemaViolation: Sendable, Equatable, CustomStringConvertible {
    var path: FieldPath
    var line: Int?
    var message: String

    var description: String {
        (line.map { "line \($0): " } ?? "") + "\(path): \(message)"
    }
}
