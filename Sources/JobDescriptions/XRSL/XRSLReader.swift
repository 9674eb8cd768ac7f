/// xRSL text to jobs: syntax, then substitution and `+`/`|` splitting, then attribute meaning.
enum XRSLReader {
    static func read(_ source: SourceText, dialect: XRSLDialect, limits: ParseLimits) -> ReadResult {
        let tree: XRSLRequest
        do {
            tree = try XRSLParser.parse(source.bytes, maxNestingDepth: limits.maxNestingDepth)
        } catch {
            return ReadResult(diagnostics: [.error(error.message, at: source.position(of: error.offset))])
        }
        var evaluator = XRSLEvaluator(limits: limits)
        let texts: [XRSLJobText]
        do {
            texts = try evaluator.jobs(of: tree)
        } catch {
            return ReadResult(diagnostics: [.error(error.message, at: source.position(of: error.offset))])
        }
        var result = ReadResult()
        for problem in evaluator.problems {
            let position = source.position(of: problem.offset)
            result.diagnostics.append(problem.isError ? .error(problem.message, at: position) : .warning(problem.message, at: position))
        }
        for text in texts {
            let (main, map, diagnostics) = XRSLInterpreter.interpret(text.main, source: source, dialect: dialect)
            result.diagnostics.append(contentsOf: diagnostics)
            var parsed = ParsedJob(job: main, sourceMap: map)
            for alternative in text.alternatives {
                let (job, alternativeMap, alternativeDiagnostics) = XRSLInterpreter.interpret(
                    alternative, source: source, dialect: dialect)
                result.diagnostics.append(contentsOf: alternativeDiagnostics.filter { !result.diagnostics.contains($0) })
                parsed.job.alternatives.append(job)
                parsed.alternativeSourceMaps.append(alternativeMap)
            }
            result.jobs.append(parsed)
        }
        return result
    }
}
