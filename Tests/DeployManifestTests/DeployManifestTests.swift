// The manifests in Manifests/deploy, checked without a cluster.
//
// Schemas/deploy-definitions.json is derived from the OpenAPI v2 document of a Kubernetes v1.28.7
// API server (/openapi/v2): the transitive closure of the `definitions` reachable by `$ref` from
// the kinds used here (Namespace, ServiceAccount, Role, RoleBinding, ClusterRole,
// ClusterRoleBinding, ConfigMap, PersistentVolumeClaim, Deployment, Service), each keeping only
// properties, required, type, format, items, additionalProperties, $ref, enum and
// x-kubernetes-group-version-kind (descriptions dropped). Regenerate it the same way when the
// manifests use a new kind or target a newer Kubernetes.

import Foundation
import Testing
import Yams

@Suite("Manifests/deploy")
struct DeployManifestTests {
    /// The kinds the deployment consists of; a missing one means a file was dropped.
    static let expectedKinds: Set<String> = [
        "Namespace", "ServiceAccount", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding", "ConfigMap",
        "PersistentVolumeClaim", "Deployment", "Service",
    ]
    static let clusterScopedKinds: Set<String> = ["Namespace", "ClusterRole", "ClusterRoleBinding"]

    @Test("every object matches the API server's schema strictly")
    func everyObjectMatchesTheSchema() throws {
        let validator = StrictSchemaValidator(schema: try KubernetesSchema.load())
        let manifests = try DeployManifests.load()
        #expect(!manifests.documents.isEmpty)
        for document in manifests.documents {
            for violation in validator.validate(document.object) {
                Issue.record("\(document.label): \(violation)")
            }
        }
    }

    @Test("the folder holds exactly the expected kinds, each object with a valid name")
    func kindsAndNames() throws {
        let manifests = try DeployManifests.load()
        #expect(Set(manifests.documents.map(\.kind)) == Self.expectedKinds)
        for document in manifests.documents {
            if let problem = ObjectName.problem(document.name, kind: document.kind) {
                Issue.record("\(document.label): metadata.name \"\(document.name)\": \(problem)")
            }
        }
    }

    @Test("namespaced objects are in the arkd namespace, cluster-scoped ones in none")
    func namespaces() throws {
        for document in try DeployManifests.load().documents {
            let namespace = document.object["metadata"]?["namespace"]?.string
            if Self.clusterScopedKinds.contains(document.kind) {
                #expect(namespace == nil, "\(document.label)")
            } else {
                #expect(namespace == "arkd", "\(document.label)")
            }
        }
    }

    @Test("the kustomization lists every manifest file and sets the namespace and common labels")
    func kustomizationListsEveryFile() throws {
        let kustomization = try DeployManifests.kustomization()
        let listed = kustomization["resources"]?.sequence?.compactMap(\.string) ?? []
        let files = try DeployManifests.manifestFiles().filter { $0 != DeployManifests.kustomizationFile }
        #expect(Set(listed) == Set(files))
        #expect(listed.count == Set(listed).count, "a file is listed twice")
        #expect(kustomization["namespace"]?.string == "arkd")
        let labels = kustomization["labels"]?.sequence?.first?["pairs"]
        #expect(labels?["app.kubernetes.io/name"]?.string == "arkd")
        #expect(labels?["app.kubernetes.io/part-of"]?.string == "arkd")
    }
}
