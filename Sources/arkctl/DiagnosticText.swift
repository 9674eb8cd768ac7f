import JobDescriptions

/// Findings in the form compilers use, `file:line:col: severity: message`, each followed by its
/// source line and a caret under the column, so editors and people can jump to the problem.
///
/// A line longer than `widestLine` bytes is shown as an excerpt around the column, marked with `…`:
/// generated descriptions are often one line of a megabyte, and thousands of findings each printing
/// the whole line would be gigabytes of output.
enum DiagnosticText {
    static let widestLine = 160
    /// Bytes shown on each side of the column in an excerpt.
    static let excerptContext = 72

    static func render(_ diagnostics: [Diagnostic], file: String, source: SourceText?) -> String {
        var text = ""
        for diagnostic in diagnostics {
            text += "\(file):\(diagnostic.position.line):\(diagnostic.position.column): \(diagnostic.severity.rawValue): \(diagnostic.message)\n"
            if let line = source?.line(diagnostic.position.line) {
                let (shown, column) = excerpt(of: line, column: diagnostic.position.column)
                text += shown + "\n" + caret(under: column, of: shown) + "\n"
            }
        }
        return text
    }

    /// The line itself when it is short; otherwise the bytes around the (1-based, byte) column,
    /// cut at character boundaries, and the column within that excerpt.
    static func excerpt(of line: String, column: Int) -> (text: String, column: Int) {
        guard line.utf8.count > widestLine else { return (line, column) }
        let bytes = Array(line.utf8)
        let at = min(max(column - 1, 0), bytes.count)
        var start = max(at - excerptContext, 0)
        var end = min(at + excerptContext, bytes.count)
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let lead = start > 0 ? "…" : ""
        let trail = end < bytes.count ? "…" : ""
        return (lead + String(decoding: bytes[start..<end], as: UTF8.self) + trail, lead.utf8.count + at - start + 1)
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
