// swift-tools-version: 6.2
// The parser benchmarks live in their own package so that the main package, and CI, never build
// the benchmark tooling. Run from this directory: `swift package benchmark` (see README.md).
import PackageDescription

let jobDescriptions: Target.Dependency = .product(name: "JobDescriptions", package: "arkd")

let package = Package(
    name: "arkd-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "arkd", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The deterministic xRSL corpus, shared by the benchmark suite and `bench-corpus`.
        .target(name: "BenchCorpus", dependencies: [jobDescriptions]),
        // `bench-corpus write DIR` / `bench-corpus measure DIR`: the corpus as files, and a plain
        // ContinuousClock timing of arkd over them for the head-to-head with ARC.
        .executableTarget(name: "bench-corpus", dependencies: ["BenchCorpus", jobDescriptions]),
        // package-benchmark suite: `swift package benchmark`.
        .executableTarget(
            name: "ParserBenchmarks",
            dependencies: [
                "BenchCorpus", jobDescriptions,
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/ParserBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
