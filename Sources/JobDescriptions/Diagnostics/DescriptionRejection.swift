/// Thrown when a description cannot become a job; carries every finding so callers (the CLI, the
/// daemon's 400 response) can show all of them with their positions, not just the first.
public struct DescriptionRejection: Error, Sendable, Hashable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}
