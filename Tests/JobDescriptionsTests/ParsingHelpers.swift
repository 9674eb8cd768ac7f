import JobDescriptions
import Testing

/// Reads a description the way arkd does and returns its report.
func analyse(_ text: String, dialect: XRSLDialect = .user, limits: ParseLimits = .standard,
             policy: ValidationPolicy = .standard) -> DescriptionReport {
    JobDescriptionParser(dialect: dialect, limits: limits, policy: policy).analyse(Array(text.utf8))
}

/// The jobs of a description that must be accepted; records an issue with every finding otherwise.
func acceptedJobs(_ text: String, dialect: XRSLDialect = .user, sourceLocation: SourceLocation = #_sourceLocation) -> [JobDescription] {
    let report = analyse(text, dialect: dialect)
    #expect(report.isAccepted, "rejected: \(report.errors)", sourceLocation: sourceLocation)
    return report.jobs.map(\.job)
}

/// The only job of a description that must be accepted.
func acceptedJob(_ text: String, dialect: XRSLDialect = .user, sourceLocation: SourceLocation = #_sourceLocation) throws -> JobDescription {
    let jobs = acceptedJobs(text, dialect: dialect, sourceLocation: sourceLocation)
    #expect(jobs.count == 1, sourceLocation: sourceLocation)
    return try #require(jobs.first, sourceLocation: sourceLocation)
}

/// The errors of a description that must be rejected.
func rejection(_ text: String, dialect: XRSLDialect = .user, sourceLocation: SourceLocation = #_sourceLocation) -> [Diagnostic] {
    let report = analyse(text, dialect: dialect)
    #expect(!report.isAccepted, "accepted, but should be rejected", sourceLocation: sourceLocation)
    #expect(report.jobs.isEmpty, sourceLocation: sourceLocation)
    return report.errors
}

extension Array where Element == Diagnostic {
    /// True when one finding's message contains `text` and, when given, sits at `line`:`column`.
    func mention(_ text: String, line: Int? = nil, column: Int? = nil) -> Bool {
        contains { diagnostic in
            diagnostic.message.contains(text)
                && (line.map { $0 == diagnostic.position.line } ?? true)
                && (column.map { $0 == diagnostic.position.column } ?? true)
        }
    }
}
