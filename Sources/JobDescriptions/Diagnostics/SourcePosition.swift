/// A place in a description's bytes, so that every complaint can point at the text that caused it.
///
/// `line` and `column` are 1-based; `column` counts bytes within the line, which is what editors and
/// `file:line:col` consumers expect for ASCII-heavy job descriptions.
public struct SourcePosition: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// Used for problems that belong to the whole document (an empty file, a missing job).
    public static let start = SourcePosition(line: 1, column: 1)

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}
