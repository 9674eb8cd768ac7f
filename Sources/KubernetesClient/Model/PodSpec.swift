/// `core/v1 PodSpec`, the fields arkd sets or reads. Unknown fields of a decoded pod are dropped.
public struct PodSpec: Codable, Sendable, Hashable {
    public var containers: [Container]
    public var initContainers: [Container]?
    /// `Always`, `OnFailure` or `Never`.
    public var restartPolicy: String?
    public var activeDeadlineSeconds: Int64?
    public var terminationGracePeriodSeconds: Int64?
    public var automountServiceAccountToken: Bool?
    public var enableServiceLinks: Bool?
    public var securityContext: PodSecurityContext?
    public var volumes: [Volume]?
    public var nodeSelector: [String: String]?
    public var tolerations: [Toleration]?
    public var nodeName: String?
    public var serviceAccountName: String?
    public var priorityClassName: String?
    /// Kept as raw JSON: arkd passes a site's affinity through without interpreting it.
    public var affinity: JSONValue?

    public init(containers: [Container], initContainers: [Container]? = nil, restartPolicy: String? = nil,
                activeDeadlineSeconds: Int64? = nil, terminationGracePeriodSeconds: Int64? = nil,
                automountServiceAccountToken: Bool? = nil, enableServiceLinks: Bool? = nil,
                securityContext: PodSecurityContext? = nil, volumes: [Volume]? = nil,
                nodeSelector: [String: String]? = nil, tolerations: [Toleration]? = nil, nodeName: String? = nil,
                serviceAccountName: String? = nil, priorityClassName: String? = nil, affinity: JSONValue? = nil) {
        self.containers = containers
        self.initContainers = initContainers
        self.restartPolicy = restartPolicy
        self.activeDeadlineSeconds = activeDeadlineSeconds
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
        self.automountServiceAccountToken = automountServiceAccountToken
        self.enableServiceLinks = enableServiceLinks
        self.securityContext = securityContext
        self.volumes = volumes
        self.nodeSelector = nodeSelector
        self.tolerations = tolerations
        self.nodeName = nodeName
        self.serviceAccountName = serviceAccountName
        self.priorityClassName = priorityClassName
        self.affinity = affinity
    }

    private enum CodingKeys: String, CodingKey {
        case containers, initContainers, restartPolicy, activeDeadlineSeconds, terminationGracePeriodSeconds,
            automountServiceAccountToken, enableServiceLinks, securityContext, volumes, nodeSelector, tolerations,
            nodeName, serviceAccountName, priorityClassName, affinity
    }

    /// Written out because a watch BOOKMARK sends `"containers": null`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        containers = try container.decodeIfPresent([Container].self, forKey: .containers) ?? []
        initContainers = try container.decodeIfPresent([Container].self, forKey: .initContainers)
        restartPolicy = try container.decodeIfPresent(String.self, forKey: .restartPolicy)
        activeDeadlineSeconds = try container.decodeIfPresent(Int64.self, forKey: .activeDeadlineSeconds)
        terminationGracePeriodSeconds = try container.decodeIfPresent(Int64.self, forKey: .terminationGracePeriodSeconds)
        automountServiceAccountToken = try container.decodeIfPresent(Bool.self, forKey: .automountServiceAccountToken)
        enableServiceLinks = try container.decodeIfPresent(Bool.self, forKey: .enableServiceLinks)
        securityContext = try container.decodeIfPresent(PodSecurityContext.self, forKey: .securityContext)
        volumes = try container.decodeIfPresent([Volume].self, forKey: .volumes)
        nodeSelector = try container.decodeIfPresent([String: String].self, forKey: .nodeSelector)
        tolerations = try container.decodeIfPresent([Toleration].self, forKey: .tolerations)
        nodeName = try container.decodeIfPresent(String.self, forKey: .nodeName)
        serviceAccountName = try container.decodeIfPresent(String.self, forKey: .serviceAccountName)
        priorityClassName = try container.decodeIfPresent(String.self, forKey: .priorityClassName)
        affinity = try container.decodeIfPresent(JSONValue.self, forKey: .affinity)
    }
}
