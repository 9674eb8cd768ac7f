import Foundation
import Yams

/// Checks a Kubernetes object, as written in YAML, against the API server's schema with the
/// strictness of the server's `fieldValidation=Strict` for fields and types: a misspelt field that a
/// lenient apply drops silently (`readOnlyRootFileSystem`) leaves a pod less protected than its
/// manifest says. (Duplicate keys are refused earlier, by the YAML parser.)
///
/// It reports unknown fields, values of the wrong JSON type (a quoted `"1"` for an integer, `8443`
/// for a string), integers outside int32 where the schema says int32, values outside an enum,
/// quantities that do not parse, invalid base64, and required fields that are missing. YAML
/// scalars are typed as the YAML 1.1 resolver types them (as `kubectl` reads them): `yes` is a
/// boolean, `"2"` a string. A null counts as an absent field, as the API server decodes it.
struct StrictSchemaValidator: Sendable {
    let schema: KubernetesSchema

    /// The object's violations, checked against the definition of its `apiVersion` and `kind`.
    func validate(_ object: Node) -> [SchemaViolation] {
        guard let apiVersion = object["apiVersion"]?.string, let kind = object["kind"]?.string else {
            return [SchemaViolation(path: .root, line: object.mark?.line, message: "apiVersion and kind are required")]
        }
        let type = GroupVersionKind(apiVersion: apiVersion, kind: kind)
        guard let name = schema.definitionName(for: type) else {
            return [SchemaViolation(path: .root, line: object.mark?.line, message: "no schema for \(type)")]
        }
        return validate(object, againstDefinition: name)
    }

    /// The value's violations against one named definition (`io.k8s.api.core.v1.PodSpec`).
    func validate(_ value: Node, againstDefinition name: String) -> [SchemaViolation] {
        guard let definition = schema.definitions[name] else {
            return [SchemaViolation(path: .root, line: nil, message: "no definition named \(name)")]
        }
        var violations: [SchemaViolation] = []
        check(value, against: definition, at: .root, into: &violations)
        return violations
    }

    private func check(_ value: Node, against declared: SchemaNode, at path: FieldPath,
                       into violations: inout [SchemaViolation]) {
        func report(_ message: String) {
            violations.append(SchemaViolation(path: path, line: value.mark?.line, message: message))
        }
        guard let (name, schema) = self.schema.resolve(declared) else {
            return report("the schema refers to a definition it does not hold (\(declared.ref ?? "?"))")
        }
        if Self.isNull(value) { return }
        if name == KubernetesSchema.quantityDefinition {
            return checkQuantity(value, report: report)
        }
        if schema.format == "int-or-string" {
            return checkIntOrString(value, report: report)
        }
        switch schema.type {
        case "object":
            checkObject(value, schema: schema, at: path, into: &violations)
        case "array":
            guard let items = value.sequence else { return report("expected an array, found \(Self.describe(value))") }
            guard let itemSchema = schema.items else { return }
            for (position, item) in items.enumerated() {
                check(item, against: itemSchema, at: path.index(position), into: &violations)
            }
        case "string":
            guard let text = Self.string(value) else {
                return report("expected a string, found \(Self.describe(value))")
            }
            if let allowed = schema.enumValues, !allowed.contains(text) {
                report("unsupported value \"\(text)\": expected one of \(allowed.joined(separator: ", "))")
            }
            if schema.format == "byte", Data(base64Encoded: text) == nil {
                report("invalid base64 data")
            }
        case "integer":
            guard Self.tag(of: value) == .int, let number = value.int else {
                return report("expected an integer, found \(Self.describe(value))")
            }
            if schema.format == "int32", !Self.int32Range.contains(number) {
                report("\(number) is out of the int32 range")
            }
        case "number":
            guard Self.tag(of: value) == .int || Self.tag(of: value) == .float, value.float?.isFinite == true else {
                return report("expected a number, found \(Self.describe(value))")
            }
        case "boolean":
            guard Self.tag(of: value) == .bool, value.bool != nil else {
                return report("expected a boolean, found \(Self.describe(value))")
            }
        default:
            report("the schema gives no type (\(schema.type ?? "none")) for this field")
        }
    }

    private func checkObject(_ value: Node, schema: SchemaNode, at path: FieldPath,
                             into violations: inout [SchemaViolation]) {
        guard let mapping = value.mapping else {
            violations.append(SchemaViolation(path: path, line: value.mark?.line,
                                              message: "expected an object, found \(Self.describe(value))"))
            return
        }
        // An object without properties or a value schema is opaque to the API (FieldsV1).
        if schema.properties == nil && schema.additionalProperties == nil { return }
        var present: Set<String> = []
        for (key, field) in mapping {
            guard let name = Self.string(key) else {
                let message = "a field name must be a string, found \(Self.describe(key))"
                violations.append(SchemaViolation(path: path, line: key.mark?.line, message: message))
                continue
            }
            if !Self.isNull(field) { present.insert(name) }
            if let fieldSchema = schema.properties?[name] {
                check(field, against: fieldSchema, at: path.field(name), into: &violations)
            } else if let valueSchema = schema.additionalProperties {
                check(field, against: valueSchema, at: path.key(name), into: &violations)
            } else {
                violations.append(SchemaViolation(path: path.field(name), line: key.mark?.line,
                                                  message: "unknown field \"\(name)\""))
            }
        }
        for name in schema.required ?? [] where !present.contains(name) {
            violations.append(SchemaViolation(path: path.field(name), line: value.mark?.line,
                                              message: "required field is missing"))
        }
    }

    /// Quantities are strings (`"500m"`) or plain numbers (`2`), which the API server reads alike.
    private func checkQuantity(_ value: Node, report: (String) -> Void) {
        guard let scalar = value.scalar, [.str, .int, .float].contains(Self.tag(of: value)) else {
            return report("expected a quantity (a string or a number), found \(Self.describe(value))")
        }
        if Quantity(scalar.string) == nil {
            report("invalid quantity \"\(scalar.string)\": expected a number with an optional suffix "
                   + "(m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei, or e<exponent>)")
        }
    }

    /// A port name or number, a percentage or a count: an int32 or a string.
    private func checkIntOrString(_ value: Node, report: (String) -> Void) {
        if Self.string(value) != nil { return }
        guard Self.tag(of: value) == .int, let number = value.int else {
            return report("expected an integer or a string, found \(Self.describe(value))")
        }
        if !Self.int32Range.contains(number) {
            report("\(number) is out of the int32 range")
        }
    }

    /// The tag the YAML resolver gave the value (`int` for a plain `8443`, `str` for `"8443"`).
    private static func tag(of value: Node) -> Tag.Name {
        Tag.Name(rawValue: value.tag.rawValue)
    }

    private static let int32Range = Int(Int32.min)...Int(Int32.max)

    private static func isNull(_ value: Node) -> Bool {
        Self.tag(of: value) == .null
    }

    /// The text of a scalar the YAML resolver typed as a string (quoted, or plain text that is no
    /// number, boolean or null).
    private static func string(_ value: Node) -> String? {
        guard let scalar = value.scalar, Self.tag(of: value) == .str else { return nil }
        return scalar.string
    }

    /// A value's JSON type, for messages.
    private static func describe(_ value: Node) -> String {
        switch value {
        case .mapping: return "an object"
        case .sequence: return "an array"
        case .alias: return "an alias"
        case .scalar(let scalar):
            switch Self.tag(of: value) {
            case .str: return "the string \"\(scalar.string)\""
            case .int: return "the integer \(scalar.string)"
            case .float: return "the number \(scalar.string)"
            case .bool: return "the boolean \(scalar.string)"
            case .null: return "null"
            default: return "\(scalar.string) (\(Self.tag(of: value).rawValue))"
            }
        }
    }
}
