import JobDescriptions

/// The compiler-like form of `arkctl parse`: each finding with its source line and a caret, then a
/// short summary of each job.
extension ParseOutcome {
    func textReport() -> String {
        var text = DiagnosticText.render(diagnostics, file: file, source: report?.source)
        guard let report, report.isAccepted else {
            return text + "\(file): rejected (\(diagnostics.filter { $0.severity == .error }.count) error(s))\n"
        }
        let language = report.language?.rawValue ?? "?"
        text += "\(file): \(language), \(report.jobs.count) job\(report.jobs.count == 1 ? "" : "s")\n"
        for (index, parsed) in report.jobs.enumerated() {
            text += JobSummary(parsed.job).lines.enumerated().map { offset, line in
                offset == 0 ? "  job \(index + 1): \(line)\n" : "    \(line)\n"
            }.joined()
        }
        return text
    }
}
