/// How a DELETE is carried out. Sent as a `DeleteOptions` body.
public struct DeleteOptions: Sendable, Hashable, Encodable {
    /// 0 kills at once; nil uses the pod's `terminationGracePeriodSeconds`.
    public var gracePeriodSeconds: Int64?
    /// Delete only the object with this uid: a pod of the same name created later survives.
    public var preconditionUID: String?
    /// Delete only if nothing changed since this version.
    public var preconditionResourceVersion: String?
    /// `Background`, `Foreground` or `Orphan`.
    public var propagationPolicy: String?
    /// Validate without deleting.
    public var dryRun: Bool

    public init(gracePeriodSeconds: Int64? = nil, preconditionUID: String? = nil,
                preconditionResourceVersion: String? = nil, propagationPolicy: String? = nil, dryRun: Bool = false) {
        self.gracePeriodSeconds = gracePeriodSeconds
        self.preconditionUID = preconditionUID
        self.preconditionResourceVersion = preconditionResourceVersion
        self.propagationPolicy = propagationPolicy
        self.dryRun = dryRun
    }

    private enum CodingKeys: String, CodingKey {
        case kind, apiVersion, gracePeriodSeconds, preconditions, propagationPolicy, dryRun
    }

    private struct Preconditions: Encodable {
        var uid: String?
        var resourceVersion: String?
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("DeleteOptions", forKey: .kind)
        try container.encode("v1", forKey: .apiVersion)
        try container.encodeIfPresent(gracePeriodSeconds, forKey: .gracePeriodSeconds)
        if preconditionUID != nil || preconditionResourceVersion != nil {
            try container.encode(Preconditions(uid: preconditionUID, resourceVersion: preconditionResourceVersion),
                                 forKey: .preconditions)
        }
        try container.encodeIfPresent(propagationPolicy, forKey: .propagationPolicy)
        if dryRun { try container.encode(["All"], forKey: .dryRun) }
    }
}
