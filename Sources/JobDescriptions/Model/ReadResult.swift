/// What a language reader produced: jobs with their source maps, and what it found wrong.
struct ReadResult: Sendable {
    var jobs: [ParsedJob] = []
    var diagnostics: [Diagnostic] = []
}
