/// One schema of the Kubernetes OpenAPI v2 document, reduced to what a strict check reads (the
/// committed schema file keeps only these keys). A class, because a schema contains schemas
/// (`items`, `additionalProperties`) and a struct cannot contain itself.
final class SchemaNode: Decodable, Sendable {
    /// `#/definitions/<name>`: the whole schema is that definition.
    let ref: String?
    /// `object`, `array`, `string`, `integer`, `number` or `boolean`.
    let type: String?
    /// `int32`, `int64`, `byte`, `date-time`, `int-or-string`.
    let format: String?
    let properties: [String: SchemaNode]?
    let required: [String]?
    let items: SchemaNode?
    /// The schema of every value of a map (labels, resource lists, ConfigMap data).
    let additionalProperties: SchemaNode?
    let enumValues: [String]?
    let groupVersionKinds: [GroupVersionKind]?

    private enum CodingKeys: String, CodingKey {
        case ref = "$ref"
        case type, format, properties, required, items, additionalProperties
        case enumValues = "enum"
        case groupVersionKinds = "x-kubernetes-group-version-kind"
    }
}
