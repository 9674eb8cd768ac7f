// libFuzzer entry point for the ADL (EMI ActivityDescription XML) reader.
//
// Built by Fuzz/build.sh together with every file of Sources/JobDescriptions into one module, so
// the internal `ADLReader` is called directly: every input reaches the XML reader (the markup
// scanner, FoundationXML's libxml2 parser, the element tree and the interpreter), whatever language
// detection would have said.

/// Reads the bytes as ADL, validates every job (and alternative) as `JobDescriptionParser` does,
/// and uses the results the way `arkctl parse` does: the source line of every diagnostic, and the
/// printed form of each job's files (see `render`).
@_cdecl("LLVMFuzzerTestOneInput")
public func adlFuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let limits = ParseLimits.standard
    let source = SourceText(bytes)
    let result = ADLReader.read(source, limits: limits)
    var sink = 0
    let validator = JobValidator(policy: .standard, limits: limits)
    var diagnostics = result.diagnostics
    for parsed in result.jobs {
        diagnostics += validator.check(parsed.job, sourceMap: parsed.sourceMap)
        for (alternative, map) in zip(parsed.job.alternatives, parsed.alternativeSourceMaps) {
            diagnostics += validator.check(alternative, sourceMap: map)
        }
    }
    // The first hundred are enough to exercise `line(_:)` (all of them would copy a long line
    // thousands of times: the harness's cost, not the reader's).
    for diagnostic in diagnostics.prefix(100) {
        sink &+= source.line(diagnostic.position.line)?.utf8.count ?? 0
    }
    for diagnostic in diagnostics {
        sink &+= diagnostic.description.utf8.count
    }
    for parsed in result.jobs {
        sink &+= render(parsed.job)
    }
    fuzzSink &+= sink
    return 0
}

/// Keeps the optimiser from discarding work whose result is otherwise unused.
nonisolated(unsafe) var fuzzSink = 0

/// The library's part of `arkctl parse --format json`: each file's sources and targets in ARC's
/// printed URL form, for the job and its alternatives (JSONEncoder itself is Foundation's).
func render(_ job: JobDescription) -> Int {
    var length = 0
    for file in job.inputFiles { length &+= CanonicalJob.file(file).sources.reduce(0) { $0 &+ $1.utf8.count } }
    for file in job.outputFiles {
        for target in file.targets { length &+= target.location.description.utf8.count }
    }
    for alternative in job.alternatives { length &+= render(alternative) }
    return length
}
