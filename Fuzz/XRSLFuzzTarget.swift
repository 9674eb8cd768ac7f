// libFuzzer entry point for the xRSL front-end (and, through language detection, GRAMI).
//
// Built by Fuzz/build.sh together with every file of Sources/JobDescriptions into one module, so
// internal API is reachable without @testable. Not part of the Swift package.

/// Feeds the bytes through the public front door, `JobDescriptionParser.analyse`, which detects
/// the language, then reads, interprets and validates.
///
/// The first byte picks the xRSL dialect (even, e.g. `0`: user; odd, e.g. `1`: server) and is
/// dropped, so both dialects see the whole grammar. The report is then used the way `arkctl parse`
/// uses it: the source line of every diagnostic, and the printed form of each accepted job's
/// files (see `render`).
@_cdecl("LLVMFuzzerTestOneInput")
public func xrslFuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else {
        _ = JobDescriptionParser().analyse([])
        return 0
    }
    let dialect: XRSLDialect = data[0] & 1 == 0 ? .user : .server
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let report = JobDescriptionParser(dialect: dialect).analyse(bytes)
    var sink = 0
    // The first hundred are enough to exercise `line(_:)`; all of them would copy a 64 KB
    // one-line input thousands of times, which is the harness's cost, not the parser's.
    for diagnostic in report.diagnostics.prefix(100) {
        sink &+= report.source.line(diagnostic.position.line)?.utf8.count ?? 0
    }
    for diagnostic in report.diagnostics {
        sink &+= diagnostic.description.utf8.count
    }
    for parsed in report.jobs {
        sink &+= render(parsed.job)
    }
    fuzzSink &+= sink
    return 0
}

/// Keeps the optimiser from discarding work whose result is otherwise unused.
nonisolated(unsafe) var fuzzSink = 0

/// The library's part of `arkctl parse --format json`: each file's sources and targets in ARC's
/// printed URL form, for the job and its alternatives. JSONEncoder itself is left out: it is
/// Foundation's, and encoding 64 alternatives of thousands of files dominated the run time.
func render(_ job: JobDescription) -> Int {
    var length = 0
    for file in job.inputFiles { length &+= CanonicalJob.file(file).sources.reduce(0) { $0 &+ $1.utf8.count } }
    for file in job.outputFiles {
        for target in file.targets { length &+= target.location.description.utf8.count }
    }
    for alternative in job.alternatives { length &+= render(alternative) }
    return length
}
