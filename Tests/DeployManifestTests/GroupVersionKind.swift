/// What names a Kubernetes object's type: `apiVersion` (`group/version`, or `version` for the core
/// group) and `kind`, as the definitions' `x-kubernetes-group-version-kind` lists them.
struct GroupVersionKind: Decodable, Hashable, Sendable, CustomStringConvertible {
    var group: String
    var version: String
    var kind: String

    init(group: String, version: String, kind: String) {
        self.group = group
        self.version = version
        self.kind = kind
    }

    /// `apps/v1` → group `apps`, version `v1`; `v1` → the core group `""`.
    init(apiVersion: String, kind: String) {
        let parts = apiVersion.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 2 {
            self.init(group: String(parts[0]), version: String(parts[1]), kind: kind)
        } else {
            self.init(group: "", version: apiVersion, kind: kind)
        }
    }

    private enum CodingKeys: String, CodingKey { case group, version, kind }

    /// The core group is written without `group` in some documents and as `""` in others.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        group = try container.decodeIfPresent(String.self, forKey: .group) ?? ""
        version = try container.decode(String.self, forKey: .version)
        kind = try container.decode(String.self, forKey: .kind)
    }

    var description: String { (group.isEmpty ? version : "\(group)/\(version)") + " " + kind }
}
