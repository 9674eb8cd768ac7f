/// A configuration file arkd cannot use: where it is wrong and what was expected, so an operator
/// can fix it without reading the source.
public struct SiteConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based; `nil` when the problem is not tied to one place (a missing file).
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return "\(place): error: \(message)"
    }
}
