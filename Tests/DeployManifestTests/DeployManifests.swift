import Foundation
import Yams

/// The objects in `Manifests/deploy`, read from the repository this test file lives in, so that
/// the tests check the manifests a user applies rather than a copy.
struct DeployManifests {
    /// One YAML document of one manifest file.
    struct Document {
        var file: String
        /// The document's position in its file, from 1.
        var index: Int
        var object: Node

        var kind: String { object["kind"]?.string ?? "" }
        var name: String { object["metadata"]?["name"]?.string ?? "" }
        /// `role.yaml#2 (RoleBinding arkd)`, for messages.
        var label: String { "\(file)#\(index) (\(kind) \(name))" }
    }

    struct LookupError: Error, CustomStringConvertible {
        var description: String
    }

    /// The repository root: this file is `<root>/Tests/DeployManifestTests/DeployManifests.swift`.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let directory = repositoryRoot.appendingPathComponent("Manifests/deploy")
    static let kustomizationFile = "kustomization.yaml"

    let documents: [Document]

    /// Every document of every `*.yaml` file except the kustomization, which is no Kubernetes object.
    static func load() throws -> DeployManifests {
        var documents: [Document] = []
        for file in try manifestFiles() where file != kustomizationFile {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            let parser = try Parser(yaml: text)
            var index = 0
            while let object = try parser.nextRoot() {
                index += 1
                documents.append(Document(file: file, index: index, object: object))
            }
        }
        return DeployManifests(documents: documents)
    }

    /// The YAML files in the folder, sorted.
    static func manifestFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .sorted()
    }

    /// The kustomization, parsed.
    static func kustomization() throws -> Node {
        let text = try String(contentsOf: directory.appendingPathComponent(kustomizationFile), encoding: .utf8)
        guard let node = try Yams.compose(yaml: text) else {
            throw LookupError(description: "\(kustomizationFile) is empty")
        }
        return node
    }

    func all(_ kind: String) -> [Document] {
        documents.filter { $0.kind == kind }
    }

    /// The one object of this kind and name; an error when there is none or more than one.
    func object(_ kind: String, _ name: String) throws -> Node {
        let matches = documents.filter { $0.kind == kind && $0.name == name }
        guard matches.count == 1, let match = matches.first else {
            throw LookupError(description: "expected exactly one \(kind) named \(name), found \(matches.count)")
        }
        return match.object
    }
}
