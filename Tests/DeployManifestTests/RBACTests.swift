import Testing
import Yams

/// arkd's rights are exactly those DESIGN.md §5 grants: a broader rule here is a broader blast
/// radius if arkd or its token is compromised.
@Suite("Manifests/deploy RBAC")
struct RBACTests {
    /// One verb on one resource of one API group.
    struct Permission: Hashable, CustomStringConvertible {
        var group: String
        var resource: String
        var verb: String

        var description: String { "\(verb) \(group.isEmpty ? "" : group + "/")\(resource)" }
    }

    /// Every permission a Role's or ClusterRole's rules grant; a rule with anything beyond
    /// apiGroups, resources and verbs (resourceNames, nonResourceURLs) is recorded as an issue.
    static func permissions(of role: Node) -> Set<Permission> {
        var granted: Set<Permission> = []
        for rule in role["rules"]?.sequence.map(Array.init) ?? [] {
            let keys = Set(rule.mapping?.keys.compactMap(\.string) ?? [])
            #expect(keys == ["apiGroups", "resources", "verbs"], "unexpected rule keys \(keys.sorted())")
            for group in rule["apiGroups"]?.array(of: String.self) ?? [] {
                for resource in rule["resources"]?.array(of: String.self) ?? [] {
                    for verb in rule["verbs"]?.array(of: String.self) ?? [] {
                        granted.insert(Permission(group: group, resource: resource, verb: verb))
                    }
                }
            }
        }
        return granted
    }

    @Test("the Role grants exactly pods create/get/list/watch/delete/patch and pods/log get")
    func role() throws {
        let role = try DeployManifests.load().object("Role", "arkd")
        let expected = Set(["create", "get", "list", "watch", "delete", "patch"].map {
            Permission(group: "", resource: "pods", verb: $0)
        }).union([Permission(group: "", resource: "pods/log", verb: "get")])
        #expect(Self.permissions(of: role) == expected)
    }

    @Test("the ClusterRole grants exactly nodes list and pods list (the cluster's load)")
    func clusterRole() throws {
        let role = try DeployManifests.load().object("ClusterRole", "arkd-nodes")
        #expect(Self.permissions(of: role) == [Permission(group: "", resource: "nodes", verb: "list"),
                                               Permission(group: "", resource: "pods", verb: "list")])
    }

    @Test("the bindings give the roles to arkd's service account and nobody else")
    func bindings() throws {
        let manifests = try DeployManifests.load()
        let pairs = [("RoleBinding", "arkd", "Role"), ("ClusterRoleBinding", "arkd-nodes", "ClusterRole")]
        for (kind, name, roleKind) in pairs {
            let binding = try manifests.object(kind, name)
            #expect(binding["roleRef"]?["kind"]?.string == roleKind)
            #expect(binding["roleRef"]?["name"]?.string == name)
            #expect(binding["roleRef"]?["apiGroup"]?.string == "rbac.authorization.k8s.io")
            let subjects = binding["subjects"]?.sequence.map(Array.init) ?? []
            #expect(subjects.count == 1, "\(kind) \(name)")
            let subject = try #require(subjects.first)
            #expect(subject["kind"]?.string == "ServiceAccount")
            #expect(subject["name"]?.string == "arkd")
            #expect(subject["namespace"]?.string == "arkd")
        }
        _ = try manifests.object("ServiceAccount", "arkd")
    }
}
