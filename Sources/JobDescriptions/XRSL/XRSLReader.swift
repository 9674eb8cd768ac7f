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
        document.bytes.withUnsafeBufferPointer { bytes in
            for text in read.jobs {
                var parsed = ParsedJob(job: JobDescription(), sourceMap: SourceMap())
                var diagnostics: [Diagnostic] = []
                XRSLInterpreter.interpret(text.main, document: document, bytes: bytes, source: source, dialect: dialect,
                                          into: &parsed.job, &parsed.sourceMap, &diagnostics)
                result.diagnostics.append(contentsOf: diagnostics)
                for alternative in text.alternatives {
                    var job = JobDescription()
                    var map = SourceMap()
                    XRSLInterpreter.interpret(alternative, document: document, bytes: bytes, source: source, dialect: dialect,
                                              into: &job, &map, &diagnostics)
                    result.diagnostics.append(contentsOf: diagnostics.filter { !result.diagnostics.contains($0) })
                    parsed.job.alternatives.append(job)
                    parsed.alternativeSourceMaps.append(map)
                }
                result.jobs.append(parsed)
            }
        }
        return result
    }
}
