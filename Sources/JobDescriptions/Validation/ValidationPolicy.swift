/// What a site accepts beyond what the languages allow; the engine builds it from site
/// configuration, `arkctl parse` uses the standard one.
public struct ValidationPolicy: Sendable, Hashable {
    /// URL schemes allowed for input sources and output targets.
    public var allowedSchemes: Set<String>
    /// Directories under which a description may name its own session directory (A-REX's session
    /// roots, for GRAMI job options); `nil` accepts any. A daemon sets it: otherwise anyone who may
    /// submit could have a job run in, and its outputs read from, any directory on the host.
    public var allowedSessionRoots: [String]?

    public init(allowedSchemes: Set<String>, allowedSessionRoots: [String]? = nil) {
        self.allowedSchemes = Set(allowedSchemes.map { $0.lowercased() })
        self.allowedSessionRoots = allowedSessionRoots
    }

    /// The transfer protocols ARC 6's data staging knows. A site that stages with arkd itself
    /// narrows this to what arkd can fetch (`file`, `http`, `https`).
    public static let standard = ValidationPolicy(allowedSchemes: [
        "http", "https", "httpg", "dav", "davs", "ftp", "gsiftp", "sftp", "srm", "root", "xroot", "rucio", "lfc",
        "rls", "s3", "s3+https", "ldap", "acix", "attic",
    ])
}
