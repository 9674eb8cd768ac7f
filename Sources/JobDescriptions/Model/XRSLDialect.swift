/// Which side wrote an xRSL text; it decides the unit of bare time numbers.
public enum XRSLDialect: String, Sendable, Hashable, Codable, CaseIterable {
    /// Written by people and workflow tools: bare times are minutes.
    case user
    /// Written by the ARC client for A-REX ("GM side"): bare times are seconds, sources may be
    /// `size.checksum`, `join` and `gridtime` are ignored.
    case server
}
