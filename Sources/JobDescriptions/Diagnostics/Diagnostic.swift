/// One finding about a description: an error rejects the description, a warning only informs.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error
        case warning
    }

    public var severity: Severity
    public var position: SourcePosition
    public var message: String

    public init(_ severity: Severity, at position: SourcePosition, _ message: String) {
        self.severity = severity
        self.position = position
        self.message = message
    }

    public static func error(_ message: String, at position: SourcePosition) -> Diagnostic {
        Diagnostic(.error, at: position, message)
    }

    public static func warning(_ message: String, at position: SourcePosition) -> Diagnostic {
        Diagnostic(.warning, at: position, message)
    }

    public var description: String { "\(position): \(severity.rawValue): \(message)" }
}
