/// A-REX's GRAMI job options (`job.<ID>.grami`) to one job.
enum GRAMIReader {
    static func read(_ source: SourceText, limits: ParseLimits) -> ReadResult {
        let (assignments, problems) = GRAMILexer.assignments(in: source.bytes)
        var result = ReadResult(diagnostics: problems.map { .error($0.message, at: source.position(of: $0.offset)) })
        guard problems.isEmpty else { return result }
        let (job, map, diagnostics) = GRAMIInterpreter.interpret(assignments, source: source)
        result.diagnostics += diagnostics
        result.jobs = [ParsedJob(job: job, sourceMap: map)]
        return result
    }
}
