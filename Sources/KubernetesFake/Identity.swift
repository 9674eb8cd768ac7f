/// Who a request is from and what it may do: a much smaller RBAC, enough to reproduce the
/// recorded 403s (least-privilege service account, anonymous, cluster-scope requests).
public struct Identity: Sendable, Equatable {
    public let user: String
    public let groups: [String]
    public let rules: [AccessRule]

    public init(user: String, groups: [String] = ["system:authenticated"], rules: [AccessRule]) {
        self.user = user
        self.groups = groups
        self.rules = rules
    }

    /// A member of `system:masters`: everything is allowed (the recordings' "admin").
    public static let admin = Identity(user: "kubernetes-admin", groups: ["system:masters", "system:authenticated"], rules: [])

    /// Someone who sent no credentials.
    public static let anonymous = Identity(user: "system:anonymous", groups: ["system:unauthenticated"], rules: [])

    /// A service account with a Role like arkd's grid bridge: pods create/get/list/watch/delete
    /// and pods/log get in the given namespaces, nothing else (no patch, no nodes).
    public static func gridBridge(namespaces: Set<String> = ["grid"], serviceAccount: String = "grid-bridge",
                                  in accountNamespace: String = "grid") -> Identity {
        Identity(user: "system:serviceaccount:\(accountNamespace):\(serviceAccount)",
                 groups: ["system:serviceaccounts", "system:serviceaccounts:\(accountNamespace)", "system:authenticated"],
                 rules: [AccessRule(verbs: ["create", "get", "list", "watch", "delete"], resources: ["pods"], namespaces: namespaces),
                         AccessRule(verbs: ["get"], resources: ["pods/log"], namespaces: namespaces)])
    }

    var isAdmin: Bool { groups.contains("system:masters") }

    /// Whether `verb` on `resource` (`pods`, `pods/log`, `nodes`, ...) in `namespace` (nil: the
    /// cluster scope, which needs a rule without a namespace list) is allowed.
    func allows(_ verb: String, _ resource: String, namespace: String?) -> Bool {
        if isAdmin { return true }
        return rules.contains { rule in
            (rule.verbs.contains(verb) || rule.verbs.contains("*"))
                && (rule.resources.contains(resource) || rule.resources.contains("*"))
                && (rule.namespaces == nil || namespace.map { rule.namespaces?.contains($0) ?? false } ?? false)
        }
    }
}

/// One RBAC-like rule: verbs on resources, in the listed namespaces or (nil) everywhere.
public struct AccessRule: Sendable, Equatable {
    public let verbs: Set<String>
    public let resources: Set<String>
    public let namespaces: Set<String>?

    public init(verbs: Set<String>, resources: Set<String>, namespaces: Set<String>?) {
        self.verbs = verbs
        self.resources = resources
        self.namespaces = namespaces
    }
}

extension StatusError {
    /// The RBAC denial, worded as recorded: named or collection, namespace or cluster scope.
    static func forbidden(user: String, verb: String, resource: String, name: String?, namespace: String?) -> StatusError {
        let baseResource = String(resource.split(separator: "/").first ?? "")
        let subject = name.map { "\(baseResource) \"\($0)\"" } ?? baseResource
        let scope = namespace.map { "in the namespace \"\($0)\"" } ?? "at the cluster scope"
        var details: JSON = ["kind": .string(baseResource)]
        if let name { details["name"] = .string(name) }
        return StatusError(code: 403, reason: "Forbidden",
                           message: "\(subject) is forbidden: User \"\(user)\" cannot \(verb) resource \"\(resource)\" in API group \"\" \(scope)",
                           details: details)
    }

    static func forbiddenPath(user: String, path: String) -> StatusError {
        StatusError(code: 403, reason: "Forbidden",
                    message: "forbidden: User \"\(user)\" cannot get path \"\(path)\"", details: .object([:]))
    }
}
