/// Checks a submitted Pod against ``PodSchemaTable`` the way the API server's decoder does.
///
/// Wrong JSON types and malformed quantities are 400 BadRequest before any validation; unknown
/// fields are collected so that `fieldValidation` can refuse them (Strict), warn about them (Warn,
/// the default) or ignore them, and in every accepted case they are dropped from the stored object.
struct PodDecoder {
    struct Decoded {
        var object: JSON
        var unknownFields: [String]
    }

    private indirect enum FieldType: Sendable {
        case scalar(String)
        case quantity
        case intOrString
        case any
        case structure(String)
        case list(FieldType)
        case map(FieldType)

        init(_ text: Substring) {
            if text.hasPrefix("["), text.hasSuffix("]") {
                self = .list(FieldType(text.dropFirst().dropLast()))
            } else if text.hasPrefix("{"), text.hasSuffix("}") {
                self = .map(FieldType(text.dropFirst().dropLast()))
            } else {
                switch text {
                case "string", "bool", "int32", "int64", "float64": self = .scalar(String(text))
                case "Quantity": self = .quantity
                case "IntOrString": self = .intOrString
                case "any": self = .any
                default: self = .structure(String(text))
                }
            }
        }

        var goName: String {
            switch self {
            case .scalar(let name): name
            case .quantity: "resource.Quantity"
            case .intOrString: "intstr.IntOrString"
            case .any: "interface {}"
            case .structure(let name): "v1.\(name)"
            case .list(let element): "[]" + element.goName
            case .map(let element): "map[string]" + element.goName
            }
        }
    }

    private static let structures: [String: [String: FieldType]] = PodSchemaTable.structures.mapValues { line in
        var fields: [String: FieldType] = [:]
        for entry in line.split(separator: " ") {
            guard let colon = entry.firstIndex(of: ":") else { continue }
            fields[String(entry[..<colon])] = FieldType(entry[entry.index(after: colon)...])
        }
        return fields
    }

    /// The decoded Pod without unknown fields and without `null`s (Go decodes those as zero values).
    static func decode(_ body: JSON) throws(StatusError) -> Decoded {
        var unknown: [String] = []
        guard case .object = body else {
            throw prefixed("json: cannot unmarshal \(jsonKind(body)) into Go value of type v1.Pod")
        }
        let object = try check(body, as: .structure("Pod"), structName: "Pod", path: "", display: "", unknown: &unknown)
        return Decoded(object: object ?? .object([:]), unknownFields: unknown.sorted())
    }

    private static func prefixed(_ message: String) -> StatusError {
        .badRequest("Pod in version \"v1\" cannot be handled as a Pod: \(message)")
    }

    private static func jsonKind(_ value: JSON) -> String {
        switch value {
        case .null: "null"
        case .bool: "bool"
        case .int, .double: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// - Parameters:
    ///   - structName: the Go structure holding this field (for the type-error wording).
    ///   - path: the field path without indexes (`spec.containers.image`), as Go reports it.
    ///   - display: the path with indexes (`spec.containers[0].image`), as unknown-field warnings say.
    private static func check(_ value: JSON, as type: FieldType, structName: String, path: String, display: String,
                              unknown: inout [String]) throws(StatusError) -> JSON? {
        if value.isNull { return nil }
        func mismatch() -> StatusError {
            let location = path.isEmpty ? "Go value" : "Go struct field \(structName).\(path)"
            return prefixed("json: cannot unmarshal \(jsonKind(value)) into \(location) of type \(type.goName)")
        }
        switch type {
        case .any:
            return value
        case .scalar(let name):
            switch (name, value) {
            case ("string", .string), ("bool", .bool), ("float64", .int), ("float64", .double): return value
            case ("int32", .int(let number)) where number >= Int64(Int32.min) && number <= Int64(Int32.max): return value
            case ("int64", .int): return value
            case ("int32", .double(let number)), ("int64", .double(let number)):
                if let whole = Int64(exactly: number) { return .int(whole) }
                throw mismatch()
            default: throw mismatch()
            }
        case .quantity:
            switch value {
            case .string(let text):
                guard Quantity(text) != nil else { throw prefixed(Quantity.formatMessage) }
                return value
            case .int, .double: return .string(value.text)
            default: throw mismatch()
            }
        case .intOrString:
            switch value {
            case .string, .int: return value
            default: throw mismatch()
            }
        case .list(let element):
            guard case .array(let items) = value else { throw mismatch() }
            var checked: [JSON] = []
            for (index, item) in items.enumerated() {
                let child = try check(item, as: element, structName: structName, path: path,
                                      display: "\(display)[\(index)]", unknown: &unknown)
                checked.append(child ?? .null)
            }
            return .array(checked)
        case .map(let element):
            guard case .object(let members) = value else { throw mismatch() }
            var checked: [String: JSON] = [:]
            for key in members.keys.sorted() {
                guard let member = members[key] else { continue }
                checked[key] = try check(member, as: element, structName: structName, path: path,
                                         display: "\(display)[\(key)]", unknown: &unknown)
            }
            return .object(checked)
        case .structure(let name):
            guard case .object(let members) = value else { throw mismatch() }
            guard let fields = structures[name] else { return value }
            var checked: [String: JSON] = [:]
            for key in members.keys.sorted() {
                guard let member = members[key] else { continue }
                let childDisplay = display.isEmpty ? key : "\(display).\(key)"
                guard let fieldType = fields[key] else {
                    unknown.append(childDisplay)
                    continue
                }
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                checked[key] = try check(member, as: fieldType, structName: name, path: childPath,
                                         display: childDisplay, unknown: &unknown)
            }
            return .object(checked)
        }
    }
}
