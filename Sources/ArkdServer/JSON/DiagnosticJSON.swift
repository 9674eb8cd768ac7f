import JobDescriptions

/// One finding about a rejected description, as the 400 response lists it.
struct DiagnosticJSON: Codable, Sendable {
    var line: Int
    var column: Int
    var message: String
    var severity: String

    init(_ diagnostic: Diagnostic) {
        line = diagnostic.position.line
        column = diagnostic.position.column
        message = diagnostic.message
        severity = diagnostic.severity.rawValue
    }
}
