/// ADL placeholder while the ADL reader is written.
enum ADLReader {
    static func read(_ source: SourceText, limits: ParseLimits) -> ReadResult {
        ReadResult(diagnostics: [.error("ADL is not read yet", at: .start)])
    }
}
