/// The front door for job descriptions: detects the language, reads it into `JobDescription`s and
/// validates them against site policy, reporting every problem with its position.
///
/// It only reads the bytes it is given (no files, no network), so the same checks run in `arkctl`,
/// in the daemon's API and in the CE backend.
public struct JobDescriptionParser: Sendable {
    public var dialect: XRSLDialect
    public var limits: ParseLimits
    public var policy: ValidationPolicy

    public init(dialect: XRSLDialect = .user, limits: ParseLimits = .standard, policy: ValidationPolicy = .standard) {
        self.dialect = dialect
        self.limits = limits
        self.policy = policy
    }

    /// Reads and validates; never throws and never traps, whatever the bytes.
    public func analyse(_ bytes: [UInt8]) -> DescriptionReport {
        var text = bytes
        var diagnostics: [Diagnostic] = []
        guard bytes.count <= limits.maxInputBytes else {
            return DescriptionReport(
                language: nil, jobs: [],
                diagnostics: [.error("the description is \(bytes.count) bytes; at most \(limits.maxInputBytes) are allowed", at: .start)],
                source: SourceText([]))
        }
        let language = DescriptionLanguage.detect(bytes)
        if language != .adl, DescriptionLanguage.hasByteOrderMark(text) {
            text.replaceSubrange(0..<3, with: [0x20, 0x20, 0x20])
            diagnostics.append(.warning("UTF-8 byte-order mark ignored", at: .start))
        }
        let source = SourceText(text)
        if let nul = source.firstNUL {
            diagnostics.append(.error("NUL byte in the description", at: source.position(of: nul)))
        } else if !source.isASCII, let invalid = UTF8Check.firstInvalidOffset(in: text) {
            diagnostics.append(.error("the description is not valid UTF-8 here", at: source.position(of: invalid)))
        }
        guard diagnostics.allSatisfy({ $0.severity != .error }) else {
            return DescriptionReport(language: language, jobs: [], diagnostics: diagnostics, source: source)
        }
        var result: ReadResult
        switch language {
        case .xrsl: result = XRSLReader.read(source, dialect: dialect, limits: limits)
        case .adl: result = ADLReader.read(source, limits: limits)
        case .grami: result = GRAMIReader.read(source, limits: limits)
        }
        diagnostics += result.diagnostics
        if result.jobs.isEmpty, !diagnostics.contains(where: { $0.severity == .error }) {
            diagnostics.append(.error("the description holds no job", at: .start))
        }
        let validator = JobValidator(policy: policy, limits: limits)
        // In place in the array's buffer, so that no job or source map is copied out of it.
        var repeated = RepeatedFindings()
        result.jobs.withUnsafeMutableBufferPointer { jobs in
            for index in jobs.indices {
                diagnostics += validator.check(inPlace: &jobs[index].job, sourceMap: &jobs[index].sourceMap)
                for alternative in jobs[index].job.alternatives.indices where alternative < jobs[index].alternativeSourceMaps.count {
                    let findings = validator.check(inPlace: &jobs[index].job.alternatives[alternative],
                                                   sourceMap: &jobs[index].alternativeSourceMaps[alternative])
                    diagnostics += repeated.fresh(findings, report: diagnostics)
                }
            }
        }
        diagnostics.sort { $0.position < $1.position }
        let accepted = !diagnostics.contains { $0.severity == .error }
        return DescriptionReport(language: language, jobs: accepted ? result.jobs : [], diagnostics: diagnostics, source: source)
    }

    /// The jobs of an accepted description, or every finding when it is rejected.
    public func parse(_ bytes: [UInt8]) throws(DescriptionRejection) -> [JobDescription] {
        let report = analyse(bytes)
        guard report.isAccepted else { throw DescriptionRejection(diagnostics: report.diagnostics) }
        return report.jobs.map(\.job)
    }
}
