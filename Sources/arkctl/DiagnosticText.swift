import JobDescriptions

/// Findings in the form compilers use, `file:line:col: severity: message`, each followed by its
/// source line and a caret under the column, so editors and people can jump to the problem.
enum DiagnosticText {
    static func render(_ diagnostics: [Diagnostic], file: String, source: SourceText?) -> String {
        var text = ""
        for diagnostic in diagnostics {
            text += "\(file):\(diagnostic.position.line):\(diagnostic.position.column): \(diagnostic.severity.rawValue): \(diagnostic.message)\n"
            if let line = source?.line(diagnostic.position.line) {
                text += line + "\n" + caret(under: diagnostic.position.column, of: line) + "\n"
            }
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
