// bench-corpus: writes the benchmark corpus to a directory, and times arkd's parser over such a
// directory, for the head-to-head with ARC (compare-with-arc.sh). The package-benchmark suite
// (`swift package benchmark`) stays the canonical benchmark.
//
//   bench-corpus write DIR                         DIR/mix/*.xrsl, DIR/large/large-1mib.xrsl, DIR/adl/*.adl
//   bench-corpus measure DIR [--seconds S] [--json] [--only mix|large|adl]
//   bench-corpus model-floor DIR [--seconds S] [--json]  the mix: analyse against building its jobs only
import BenchCorpus
import Foundation
import JobDescriptions

#if canImport(Glibc)
import Glibc
#endif

/// CPU time of this process: unlike the wall clock, not inflated when other work shares the cores.
func processCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

let usage = """
    usage: bench-corpus write DIR
           bench-corpus measure DIR [--seconds S] [--json] [--only mix|large|adl]
           bench-corpus model-floor DIR [--seconds S] [--json]
    """

func fail(_ message: String, status: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(status)
}

/// Every description must be accepted: a rejected one would measure the error path instead.
func checkAccepted(_ files: [CorpusFile], parser: JobDescriptionParser) -> Int {
    var jobs = 0
    for file in files {
        let report = parser.analyse(file.bytes)
        guard report.isAccepted else {
            let errors = report.errors.prefix(5).map { "  \($0.position.line):\($0.position.column): \($0.message)" }
            fail("arkd rejects \(file.name):\n" + errors.joined(separator: "\n"))
        }
        jobs += report.jobs.count
    }
    return jobs
}

func write(to directory: URL) {
    let corpus = Corpus.standard
    let parser = JobDescriptionParser(dialect: .user)
    let mixJobs = checkAccepted(corpus.mix, parser: parser)
    _ = checkAccepted([corpus.large], parser: parser)
    let adlJobs = checkAccepted(corpus.adl, parser: parser)
    let manager = FileManager.default
    do {
        for (folder, files) in [("mix", corpus.mix), ("large", [corpus.large]), ("adl", corpus.adl)] {
            let target = directory.appendingPathComponent(folder, isDirectory: true)
            try manager.createDirectory(at: target, withIntermediateDirectories: true)
            for file in files {
                try Data(file.bytes).write(to: target.appendingPathComponent(file.name))
            }
        }
    } catch {
        fail("cannot write the corpus to \(directory.path): \(error)")
    }
    let sizes = corpus.mix.map(\.bytes.count)
    print("""
        wrote \(corpus.mix.count) mix descriptions (\(corpus.mixBytes) bytes, \(sizes.min() ?? 0)–\(sizes.max() ?? 0) bytes each, \
        \(mixJobs) jobs) to \(directory.path)/mix
        wrote \(corpus.large.name) (\(corpus.large.bytes.count) bytes) to \(directory.path)/large
        wrote \(corpus.adl.count) ADL descriptions (\(corpus.adlBytes) bytes, \(adlJobs) jobs) to \(directory.path)/adl
        """)
}

func readFiles(in directory: URL, suffix: String = ".xrsl") -> [CorpusFile] {
    let manager = FileManager.default
    guard let names = try? manager.contentsOfDirectory(atPath: directory.path) else {
        fail("cannot list \(directory.path): write the corpus first with `bench-corpus write DIR`")
    }
    return names.filter { $0.hasSuffix(suffix) }.sorted().map { name in
        guard let data = manager.contents(atPath: directory.appendingPathComponent(name).path) else {
            fail("cannot read \(name)")
        }
        return CorpusFile(name: name, bytes: Array(data))
    }
}

struct Measurement {
    var descriptions: Int
    var bytes: Int
    var jobs: Int
    var passes: Int
    /// Wall clock (ContinuousClock) and process CPU time for all passes.
    var seconds: Double
    var cpuSeconds: Double

    var descriptionsPerSecond: Double { Double(descriptions * passes) / seconds }
    var megabytesPerSecond: Double { Double(bytes * passes) / 1e6 / seconds }
    var descriptionsPerCPUSecond: Double { Double(descriptions * passes) / cpuSeconds }
    var megabytesPerCPUSecond: Double { Double(bytes * passes) / 1e6 / cpuSeconds }

    var json: String {
        """
        {"descriptions": \(descriptions), "bytes": \(bytes), "jobs": \(jobs), "passes": \(passes), \
        "seconds": \(seconds), "cpu_seconds": \(cpuSeconds), \
        "descriptions_per_s": \(descriptionsPerSecond), "mb_per_s": \(megabytesPerSecond), \
        "descriptions_per_cpu_s": \(descriptionsPerCPUSecond), "mb_per_cpu_s": \(megabytesPerCPUSecond)}
        """
    }
}

/// Whole passes over `files` until `seconds` have passed (at least three), after one warm-up pass.
func measure(_ files: [CorpusFile], seconds: Double, parser: JobDescriptionParser) -> Measurement {
    let jobs = checkAccepted(files, parser: parser)
    let clock = ContinuousClock()
    let budget = Duration.milliseconds(Int64(seconds * 1000))
    var passes = 0
    let cpuStart = processCPUSeconds()
    let start = clock.now
    var elapsed = Duration.zero
    repeat {
        for file in files {
            let report = parser.analyse(file.bytes)
            precondition(!report.jobs.isEmpty)
        }
        passes += 1
        elapsed = start.duration(to: clock.now)
    } while elapsed < budget || passes < 3
    let cpuSeconds = processCPUSeconds() - cpuStart
    let (whole, attoseconds) = elapsed.components
    return Measurement(
        descriptions: files.count, bytes: files.reduce(0) { $0 + $1.bytes.count }, jobs: jobs, passes: passes,
        seconds: Double(whole) + Double(attoseconds) / 1e18, cpuSeconds: cpuSeconds)
}

func format(_ value: Double) -> String {
    value >= 100 ? String(Int(value.rounded())) : String(Double(Int(value * 100)) / 100)
}

func runMeasure(_ directory: URL, seconds: Double, json: Bool, only: String?) {
    let parser = JobDescriptionParser(dialect: .user)
    let mixFiles = readFiles(in: directory.appendingPathComponent("mix", isDirectory: true))
    let largeFiles = readFiles(in: directory.appendingPathComponent("large", isDirectory: true))
    let adlFiles = readFiles(in: directory.appendingPathComponent("adl", isDirectory: true), suffix: ".adl")
    guard !mixFiles.isEmpty, !largeFiles.isEmpty, !adlFiles.isEmpty else {
        fail("no .xrsl files under \(directory.path)/mix or /large, or no .adl files under /adl")
    }
    // `--only` is for profiling one set (e.g. under valgrind); the other sets are then skipped.
    let mix = only == nil || only == "mix" ? measure(mixFiles, seconds: seconds, parser: parser) : nil
    let large = only == nil || only == "large" ? measure(largeFiles, seconds: seconds, parser: parser) : nil
    let adl = only == nil || only == "adl" ? measure(adlFiles, seconds: seconds, parser: parser) : nil
    guard let mix, let large, let adl else {
        for (label, result) in [("mix", mix), ("large", large), ("adl", adl)] {
            if let result { print("arkd \(label): \(result.json)") }
        }
        return
    }
    if json {
        print("{\"parser\": \"arkd\", \"mix\": \(mix.json), \"large\": \(large.json), \"adl\": \(adl.json)}")
        return
    }
    print("""
        arkd mix:   \(mix.descriptions) descriptions (\(mix.bytes) bytes, \(mix.jobs) jobs) x \(mix.passes) passes in \
        \(format(mix.seconds)) s: \(format(mix.descriptionsPerSecond)) descriptions/s, \(format(mix.megabytesPerSecond)) MB/s \
        (per CPU second: \(format(mix.descriptionsPerCPUSecond)), \(format(mix.megabytesPerCPUSecond)) MB/s)
        arkd large: \(large.bytes) bytes x \(large.passes) passes in \(format(large.seconds)) s: \
        \(format(large.descriptionsPerSecond)) parses/s, \(format(large.megabytesPerSecond)) MB/s \
        (per CPU second: \(format(large.descriptionsPerCPUSecond)), \(format(large.megabytesPerCPUSecond)) MB/s)
        arkd ADL:   \(adl.descriptions) descriptions (\(adl.bytes) bytes, \(adl.jobs) jobs) x \(adl.passes) passes in \
        \(format(adl.seconds)) s: \(format(adl.descriptionsPerSecond)) descriptions/s, \(format(adl.megabytesPerSecond)) MB/s \
        (per CPU second: \(format(adl.descriptionsPerCPUSecond)), \(format(adl.megabytesPerCPUSecond)) MB/s)
        """)
}

/// The mix through `analyse`, then the same jobs only built again (`ModelCopy`), alternating for
/// `seconds` each, in CPU seconds: how much of the front-end's time the public model takes by
/// itself, whatever the parser does.
func runModelFloor(_ directory: URL, seconds: Double, json: Bool) {
    let parser = JobDescriptionParser(dialect: .user)
    let files = readFiles(in: directory.appendingPathComponent("mix", isDirectory: true))
    let parsed = files.map { parser.analyse($0.bytes).jobs.map(\.job) }
    for (file, jobs) in zip(files, parsed) where jobs.map(ModelCopy.job) != jobs {
        fail("the model copy of \(file.name) differs from its parsed jobs")
    }
    func rate(_ body: () -> Void) -> Double {
        let start = processCPUSeconds()
        var passes = 0
        repeat {
            body()
            passes += 1
        } while processCPUSeconds() - start < seconds || passes < 3
        return Double(passes * files.count) / (processCPUSeconds() - start)
    }
    let analysed = rate {
        for file in files { precondition(parser.analyse(file.bytes).isAccepted) }
    }
    let built = rate {
        for jobs in parsed { precondition(jobs.map(ModelCopy.job).count == jobs.count) }
    }
    if json {
        print("{\"analyse_descriptions_per_cpu_s\": \(analysed), \"model_only_descriptions_per_cpu_s\": \(built)}")
        return
    }
    print("""
        mix through analyse:      \(format(analysed)) descriptions/CPU-s (\(format(1e6 / analysed)) µs each)
        mix jobs only built:      \(format(built)) descriptions/CPU-s (\(format(1e6 / built)) µs each)
        share of the model alone: \(format(100 * analysed / built))% of analyse's time
        """)
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 2 else { fail(usage, status: 2) }
let command = arguments.removeFirst()
let directory = URL(fileURLWithPath: arguments.removeFirst(), isDirectory: true)
switch command {
case "write":
    guard arguments.isEmpty else { fail(usage, status: 2) }
    write(to: directory)
case "measure":
    var seconds = 3.0
    var json = false
    var only: String?
    while let option = arguments.first {
        arguments.removeFirst()
        switch option {
        case "--json": json = true
        case "--only":
            guard let set = arguments.first, ["mix", "large", "adl"].contains(set) else { fail(usage, status: 2) }
            arguments.removeFirst()
            only = set
        case "--seconds":
            guard let text = arguments.first, let value = Double(text), value > 0 else { fail(usage, status: 2) }
            arguments.removeFirst()
            seconds = value
        default: fail(usage, status: 2)
        }
    }
    runMeasure(directory, seconds: seconds, json: json, only: only)
case "model-floor":
    var seconds = 3.0
    var json = false
    while let option = arguments.first {
        arguments.removeFirst()
        switch option {
        case "--json": json = true
        case "--seconds":
            guard let text = arguments.first, let value = Double(text), value > 0 else { fail(usage, status: 2) }
            arguments.removeFirst()
            seconds = value
        default: fail(usage, status: 2)
        }
    }
    runModelFloor(directory, seconds: seconds, json: json)
default:
    fail(usage, status: 2)
}
