/// `metav1.ListMeta`: the version a list was read at, and where the next page starts.
public struct ListMeta: Codable, Sendable, Hashable {
    public var resourceVersion: String?
    /// Opaque token for the next page; absent (or empty) on the last one.
    public var continueToken: String?
    /// Only given for lists without selectors.
    public var remainingItemCount: Int64?

    public init(resourceVersion: String? = nil, continueToken: String? = nil, remainingItemCount: Int64? = nil) {
        self.resourceVersion = resourceVersion
        self.continueToken = continueToken
        self.remainingItemCount = remainingItemCount
    }

    private enum CodingKeys: String, CodingKey {
        case resourceVersion
        case continueToken = "continue"
        case remainingItemCount
    }
}
