import JobDescriptions

/// The compiler-like form of `arkctl parse`: each finding as `file:line:col: severity: message` with
/// the source line and a caret, then a short summary of each job.
extension ParseOutcome {
    func textReport() -> String {
        var text = ""
        for diagnostic in diagnostics {
            text += "\(file):\(diagnostic.position.line):\(diagnostic.position.column): \(diagnostic.severity.rawValue): \(diagnostic.message)\n"
            if let line = report?.source.line(diagnostic.position.line) {
                text += line + "\n" + Self.caret(under: diagnostic.position.column, of: line) + "\n"
            }
        }
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

    /// Spaces up to the byte column, keeping tabs so the caret lines up in a terminal.
    private static func caret(under column: Int, of line: String) -> String {
        var prefix = ""
        for byte in line.utf8.prefix(max(column - 1, 0)) {
            prefix += byte == UInt8(ascii: "\t") ? "\t" : (byte & 0xC0 == 0x80 ? "" : " ")
        }
        return prefix + "^"
    }
}
