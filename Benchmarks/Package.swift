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
        // For the engine benchmarks: engine-ratios builds the Stager's HTTP client; the engine's
        // logger is silenced.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // The deterministic xRSL corpus, shared by the benchmark suite and `bench-corpus`.
        .target(name: "BenchCorpus", dependencies: [jobDescriptions]),
        // Median, percentiles and number formatting for the ratio executables.
        .target(name: "BenchStatistics"),
        // `arkd serve` as a process and requests to it, for api-load and arc-scan-bench.
        .target(name: "BenchDaemon", dependencies: [.product(name: "AsyncHTTPClient", package: "async-http-client")]),
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
        // Engine benchmarks (README.md, "Engine benchmarks"): shared fixtures, the package-benchmark
        // suite, and `engine-ratios` for the interleaved ratio measurements.
        .target(
            name: "EngineBenchSupport",
            dependencies: [
                .product(name: "ArkdEngine", package: "arkd"), jobDescriptions,
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "EngineBenchmarks",
            dependencies: [
                "EngineBenchSupport", jobDescriptions,
                .product(name: "ArkdEngine", package: "arkd"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/EngineBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "engine-ratios",
            dependencies: [
                "BenchStatistics", "EngineBenchSupport",
                .product(name: "ArkdEngine", package: "arkd"),
                .product(name: "Staging", package: "arkd"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        // Kubernetes benchmarks (README.md, "Kubernetes benchmarks"): `k8s-bench`, run by k8s-bench.sh.
        .executableTarget(
            name: "k8s-bench",
            dependencies: [
                "BenchStatistics",
                .product(name: "ArkdEngine", package: "arkd"),
                .product(name: "KubernetesClient", package: "arkd"),
                .product(name: "KubernetesFake", package: "arkd"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `arkctl arc scan` over 10,000 ended jobs (one batch request, at most 2 s): `arc-scan-bench`,
        // run by arc-scan-bench.sh.
        .executableTarget(
            name: "arc-scan-bench",
            dependencies: [
                "BenchDaemon", "BenchStatistics",
                .product(name: "ARCIntegration", package: "arkd"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        // The daemon under load (README.md, "API load test"): `api-load`, run by api-load.sh.
        .executableTarget(
            name: "api-load",
            dependencies: [
                "BenchDaemon", "BenchStatistics",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
