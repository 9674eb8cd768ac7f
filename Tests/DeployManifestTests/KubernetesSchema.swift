import Foundation

/// The API server's definitions of the kinds `Manifests/deploy` uses, loaded from the trimmed copy
/// committed with these tests (`Schemas/deploy-definitions.json`), so that the manifests are checked
/// the same way on every machine, without a cluster and without network access.
struct KubernetesSchema: Sendable {
    /// The definition name of resource quantities, which the API accepts as strings or numbers.
    static let quantityDefinition = "io.k8s.apimachinery.pkg.api.resource.Quantity"
    private static let referencePrefix = "#/definitions/"

    let definitions: [String: SchemaNode]
    private let definitionsByKind: [GroupVersionKind: String]

    private struct Document: Decodable {
        var definitions: [String: SchemaNode]
    }

    struct LoadingError: Error, CustomStringConvertible {
        var description: String
    }

    init(data: Data) throws {
        definitions = try JSONDecoder().decode(Document.self, from: data).definitions
        var kinds: [GroupVersionKind: String] = [:]
        for (name, definition) in definitions {
            for kind in definition.groupVersionKinds ?? [] {
                kinds[kind] = name
            }
        }
        definitionsByKind = kinds
    }

    /// The committed schema, a resource of this test target.
    static func load() throws -> KubernetesSchema {
        guard let url = Bundle.module.url(forResource: "deploy-definitions", withExtension: "json",
                                          subdirectory: "Schemas") else {
            throw LoadingError(description: "Schemas/deploy-definitions.json is missing from the test bundle")
        }
        return try KubernetesSchema(data: Data(contentsOf: url))
    }

    /// The definition that describes objects of this apiVersion and kind.
    func definitionName(for kind: GroupVersionKind) -> String? {
        definitionsByKind[kind]
    }

    /// A schema with its `$ref`s followed: the name of the definition it ends at (if it is one)
    /// and that definition. `nil` for a reference to a definition the file does not hold.
    func resolve(_ schema: SchemaNode) -> (name: String?, schema: SchemaNode)? {
        var name: String?
        var current = schema
        var seen: Set<String> = []
        while let reference = current.ref {
            guard reference.hasPrefix(Self.referencePrefix) else { return nil }
            let target = String(reference.dropFirst(Self.referencePrefix.count))
            guard seen.insert(target).inserted, let definition = definitions[target] else { return nil }
            name = target
            current = definition
        }
        return (name, current)
    }
}
