/// Collects findings while a description is read, so that one pass reports every problem instead of
/// stopping at the first.
struct DiagnosticLog: Sendable {
    private(set) var entries: [Diagnostic]

    init() {
        entries = []
    }

    var hasErrors: Bool { entries.contains { $0.severity == .error } }

    mutating func error(_ message: String, at position: SourcePosition) {
        entries.append(.error(message, at: position))
    }

    mutating func warning(_ message: String, at position: SourcePosition) {
        entries.append(.warning(message, at: position))
    }

    mutating func append(_ diagnostic: Diagnostic) {
        entries.append(diagnostic)
    }

    mutating func append(contentsOf other: [Diagnostic]) {
        entries.append(contentsOf: other)
    }
}
