import Foundation

/// A parsed `fieldSelector` over the fields the API server indexes for a resource
/// (`=`, `==` and `!=` only); any other field is a 400 "field label not supported".
struct FieldSelector: Sendable {
    struct Requirement: Sendable {
        let field: String
        let value: String
        let negated: Bool
    }

    let requirements: [Requirement]
    private let resolve: @Sendable (JSON, String) -> String

    static let podFields: Set<String> = [
        "metadata.name", "metadata.namespace", "spec.nodeName", "spec.restartPolicy", "spec.schedulerName",
        "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName",
    ]
    static let nodeFields: Set<String> = ["metadata.name", "spec.unschedulable"]
    /// Fields whose absence reads as `false` rather than as the empty string.
    private static let booleanFields: Set<String> = ["spec.hostNetwork", "spec.unschedulable"]

    init(parsing text: String, supported: Set<String>) throws(StatusError) {
        var requirements: [Requirement] = []
        for part in text.split(separator: ",") where !part.trimmingCharacters(in: .whitespaces).isEmpty {
            let term = String(part)
            let requirement: Requirement
            if let range = term.range(of: "!=") {
                requirement = Requirement(field: String(term[..<range.lowerBound]), value: String(term[range.upperBound...]), negated: true)
            } else if let range = term.range(of: "==") {
                requirement = Requirement(field: String(term[..<range.lowerBound]), value: String(term[range.upperBound...]), negated: false)
            } else if let range = term.range(of: "=") {
                requirement = Requirement(field: String(term[..<range.lowerBound]), value: String(term[range.upperBound...]), negated: false)
            } else {
                throw .badRequest("invalid selector: '\(text)'; can't understand '\(term)'")
            }
            guard supported.contains(requirement.field) else {
                throw .badRequest("field label not supported: \(requirement.field)")
            }
            requirements.append(requirement)
        }
        self.requirements = requirements
        resolve = { object, field in
            let value = object.value(at: field.split(separator: ".").map(String.init))
            switch value {
            case .string(let text)?: return text
            case .bool(let flag)?: return flag ? "true" : "false"
            default: return FieldSelector.booleanFields.contains(field) ? "false" : ""
            }
        }
    }

    var isEmpty: Bool { requirements.isEmpty }

    func matches(_ object: JSON) -> Bool {
        requirements.allSatisfy { requirement in
            (resolve(object, requirement.field) == requirement.value) != requirement.negated
        }
    }
}

extension JSON {
    /// The value at a path given as an array of object keys.
    public func value(at path: [String]) -> JSON? {
        var current: JSON? = self
        for key in path { current = current?[key] }
        return current
    }
}
