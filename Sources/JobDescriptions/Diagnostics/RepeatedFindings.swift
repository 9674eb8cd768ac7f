/// Drops findings already reported: alternatives repeat most of their main job's findings.
///
/// A set, not a search of the report, so that dropping stays linear (searching was quadratic:
/// minutes for 64 alternatives of a 60 KB job). It is made from the report when first needed, so
/// that a description without alternatives never builds one.
struct RepeatedFindings {
    private var reported: Set<Diagnostic>?

    /// The findings that are not in `report` (everything reported so far), in order; from now on
    /// they count as reported.
    mutating func fresh(_ findings: [Diagnostic], report: [Diagnostic]) -> [Diagnostic] {
        if reported == nil { reported = Set(report) }
        let fresh = findings.filter { !(reported?.contains($0) ?? false) }
        reported?.formUnion(fresh)
        return fresh
    }
}
