/// Query parameters of a LIST.
public struct ListOptions: Sendable, Hashable {
    /// `app.kubernetes.io/managed-by=arkd,arkd.io/job=X`.
    public var labelSelector: String?
    /// `status.phase!=Succeeded`, `spec.nodeName=N`.
    public var fieldSelector: String?
    /// Page size; the answer then has a `continue` token when more remain.
    public var limit: Int?
    public var continueToken: String?
    /// `"0"` reads from the watch cache (possibly stale); nil reads the latest from etcd.
    public var resourceVersion: String?
    /// `NotOlderThan` or `Exact`.
    public var resourceVersionMatch: String?

    public init(labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int? = nil,
                continueToken: String? = nil, resourceVersion: String? = nil, resourceVersionMatch: String? = nil) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.continueToken = continueToken
        self.resourceVersion = resourceVersion
        self.resourceVersionMatch = resourceVersionMatch
    }

    var query: [(name: String, value: String)] {
        var query: [(name: String, value: String)] = []
        if let labelSelector { query.append(("labelSelector", labelSelector)) }
        if let fieldSelector { query.append(("fieldSelector", fieldSelector)) }
        if let limit { query.append(("limit", String(limit))) }
        if let continueToken, !continueToken.isEmpty { query.append(("continue", continueToken)) }
        if let resourceVersion { query.append(("resourceVersion", resourceVersion)) }
        if let resourceVersionMatch { query.append(("resourceVersionMatch", resourceVersionMatch)) }
        return query
    }
}
