/// xRSL text to jobs: syntax with substitution and `+`/`|` splitting, then attribute meaning.
enum XRSLReader {
    static func read(_ source: SourceText, dialect: XRSLDialect, limits: ParseLimits) -> ReadResult {
        let read: XRSLParser.Result
        do {
            read = try XRSLParser.read(source.bytes, limits: limits, isASCII: source.isASCII, isPlain: source.isPlain)
        } catch {
            return ReadResult(diagnostics: [.error(error.message, at: source.position(of: error.offset))])
        }
        if let exceeded = read.exceeded {
            return ReadResult(diagnostics: [.error(exceeded.message, at: source.position(of: exceeded.offset))])
        }
        var result = ReadResult()
        for problem in read.problems {
            let position = source.position(of: problem.offset)
            result.diagnostics.append(problem.isError ? .error(problem.message, at: position) : .warning(problem.message, at: position))
        }
        let document = read.document
        result.jobs.reserveCapacity(read.jobs.count)
        var repeated = RepeatedFindings()
        document.bytes.withUnsafeBufferPointer { bytes in
            for text in read.jobs {
                // Filled in place in the array, so that no job is copied.
                result.jobs.append(ParsedJob(job: JobDescription(), sourceMap: SourceMap()))
                let last = result.jobs.count - 1
                var diagnostics: [Diagnostic] = []
                XRSLInterpreter.interpret(text.main, document: document, bytes: bytes, source: source, dialect: dialect,
                                          into: &result.jobs[last], &diagnostics)
                result.diagnostics.append(contentsOf: diagnostics)
                for alternative in text.alternatives {
                    result.jobs[last].job.alternatives.append(JobDescription())
                    result.jobs[last].alternativeSourceMaps.append(SourceMap())
                    diagnostics.removeAll(keepingCapacity: true)
                    XRSLInterpreter.interpret(alternative, document: document, bytes: bytes, source: source, dialect: dialect,
                                              into: &result.jobs[last],
                                              alternative: result.jobs[last].job.alternatives.count - 1, &diagnostics)
                    result.diagnostics.append(contentsOf: repeated.fresh(diagnostics, report: result.diagnostics))
                }
            }
        }
        return result
    }
}
