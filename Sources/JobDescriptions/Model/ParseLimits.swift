/// Bounds on what one description may cost to read; each one turns a hostile input into a clear
/// error instead of memory or stack exhaustion.
public struct ParseLimits: Sendable, Hashable {
    /// Bytes of description text.
    public var maxInputBytes = 1 << 20
    /// Nested groups and value sequences together.
    public var maxNestingDepth = 64
    /// Bytes produced by `$(VAR)` substitution over the whole description.
    public var maxExpandedBytes = 1 << 20
    /// Input plus output files of one job.
    public var maxFiles = 10_000
    /// Jobs in one multi-request (`+`) or ADL bulk wrapper.
    public var maxJobs = 1_000
    /// Alternative jobs created by `|`.
    public var maxAlternatives = 64
    /// Relations and values that the `|` alternatives repeat, all of them together. Each
    /// alternative is a whole job that holds every relation written outside its branch again, so
    /// without this budget 64 alternatives could make one 1 MiB description cost as much as 65
    /// (seconds and about 600 MB). A relation counts one plus its values.
    public var maxAlternativeValues = 1 << 18

    public init() {}

    public static let standard = ParseLimits()
}
