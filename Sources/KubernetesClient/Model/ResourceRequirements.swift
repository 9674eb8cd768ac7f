/// `core/v1 ResourceRequirements`. Quantities stay strings (`"2"`, `"500m"`, `"4Gi"`): the
/// server canonicalises them and arkd never does arithmetic on them here.
public struct ResourceRequirements: Codable, Sendable, Hashable {
    public var requests: [String: String]?
    public var limits: [String: String]?

    public init(requests: [String: String]? = nil, limits: [String: String]? = nil) {
        self.requests = requests
        self.limits = limits
    }
}
