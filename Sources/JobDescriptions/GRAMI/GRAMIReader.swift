/// GRAMI placeholder while the GRAMI reader is written.
enum GRAMIReader {
    static func read(_ source: SourceText, limits: ParseLimits) -> ReadResult {
        ReadResult(diagnostics: [.error("GRAMI is not read yet", at: .start)])
    }
}
