// The xRSL parser benchmarks (package-benchmark): `swift package benchmark` in Benchmarks/.
//
// "parse mix": one iteration parses 1,000 descriptions (the 200-description mix, 5 times), and
// the scaling factor is .kilo, so the scaled throughput (marked * in the table) is descriptions
// per second and the scaled wall clock / malloc counts are per description.
// "parse 1 MiB": one iteration parses the large description once; MB/s = throughput x 1.04.
// "parse ADL": one iteration parses 1,000 ADL documents (the 100 of the ADL set, 10 times); scaled
// like the mix (throughput in K descriptions/s, wall clock and mallocs per description).
import BenchCorpus
import Benchmark
import JobDescriptions

let benchmarks: @Sendable () -> Void = {
    let corpus = Corpus.standard
    let parser = JobDescriptionParser(dialect: .user)
    let metrics: [BenchmarkMetric] = [.throughput, .wallClock, .mallocCountTotal, .peakMemoryResident]

    // Checked once, before anything is measured: a rejected description would time the error path.
    for file in corpus.mix + [corpus.large] + corpus.adl {
        let report = parser.analyse(file.bytes)
        precondition(report.isAccepted && !report.jobs.isEmpty, "arkd rejects \(file.name): \(report.errors)")
    }

    let mix = corpus.mix.map(\.bytes)
    let passesPerIteration = 1_000 / mix.count
    precondition(passesPerIteration * mix.count == 1_000, "the mix must divide 1,000 for the .kilo scaling")
    Benchmark(
        "parse mix",
        configuration: .init(
            metrics: metrics, scalingFactor: .kilo, maxDuration: .seconds(10), maxIterations: 1_000)
    ) { benchmark in
        for _ in 0..<passesPerIteration {
            for bytes in mix {
                blackHole(parser.analyse(bytes))
            }
        }
    }

    let large = corpus.large.bytes
    Benchmark(
        "parse 1 MiB",
        configuration: .init(metrics: metrics, maxDuration: .seconds(10), maxIterations: 1_000)
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(parser.analyse(large))
        }
    }

    let adl = corpus.adl.map(\.bytes)
    let adlPassesPerIteration = 1_000 / adl.count
    precondition(adlPassesPerIteration * adl.count == 1_000, "the ADL set must divide 1,000 for the .kilo scaling")
    Benchmark(
        "parse ADL",
        configuration: .init(
            metrics: metrics, scalingFactor: .kilo, maxDuration: .seconds(10), maxIterations: 1_000)
    ) { benchmark in
        for _ in 0..<adlPassesPerIteration {
            for bytes in adl {
                blackHole(parser.analyse(bytes))
            }
        }
    }
}
