/// Everything arkd learned from one description: its language, its jobs when it was accepted, and
/// every error and warning with its position.
public struct DescriptionReport: Sendable {
    public var language: DescriptionLanguage?
    /// Empty when the description was rejected.
    public var jobs: [ParsedJob]
    public var diagnostics: [Diagnostic]
    public var source: SourceText

    public var isAccepted: Bool { !diagnostics.contains { $0.severity == .error } }
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
}
