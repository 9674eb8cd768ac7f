// The engine benchmarks (package-benchmark): `swift package benchmark --target EngineBenchmarks`
// in Benchmarks/. See README.md, "Engine benchmarks".
//
// Each benchmark runs in its own process (package-benchmark's rule), and its setup, never
// measured, builds what it needs: the store benchmarks fill a fresh store with 100,000 accepted
// jobs first (`JobStore.submit(contentsOf:)`, 2,000 per transaction).
//
// - "store submit": one iteration = 1,000 `JobStore.submit` of new jobs (with client keys).
// - "engine submit": one iteration = 1,000 `Engine.submit` of a small xRSL (parse, validate, store).
// - "store apply transitions": one iteration = 1,000 `JobStore.apply` (prepare, stagedIn,
//   submitted, started, completed, stagedOut, job after job, on jobs spread over the store).
//   These three use `scalingFactor: .kilo`, so the starred (*) wall clock, CPU and malloc figures
//   are per operation; the custom metrics "jobs accepted/s", "engine submits/s" and
//   "transitions/s" are the rates over each iteration.
// - "RSS per stored job": one run; the store grows from 0 to 100,000 jobs, then `unfinishedJobs()`
//   loads them as a restart does. Custom metrics give the resident-memory growth per job; the
//   wall clock is that of `unfinishedJobs()` alone.
// - "executor start /bin/true" and "posix_spawn /bin/true": one iteration = one start; the child is
//   reaped outside the measured region. `engine-ratios spawn` gives their ratio, interleaved.
import ArkdEngine
import Benchmark
import EngineBenchSupport
import Foundation
import JobDescriptions

/// What a benchmark's setup built, for its closure and teardown (each benchmark has its own
/// process, so one at a time).
final class Fixture: @unchecked Sendable {
    var directory: String?
    var store: JobStore?
    var engine: Engine?
    var records: [JobRecord] = []
    var cursor = 0
    var transitions: TransitionCursor?
    var spawn: SpawnBench?

    func removeFiles() {
        store = nil
        engine = nil
        records = []
        transitions = nil
        spawn?.removeFiles()
        spawn = nil
        if let directory { try? FileManager.default.removeItem(atPath: directory) }
        directory = nil
    }
}

/// Operations per second over one iteration, as a custom metric: package-benchmark shows scaled
/// throughput in thousands, rounded, which hides the figure at these rates.
func perSecond(_ name: String) -> BenchmarkMetric {
    .custom(name, polarity: .prefersLarger, useScalingFactor: false)
}

/// Runs `body` `count` times; returns how many times per second.
func rate(count: Int, _ body: () async throws -> Void) async rethrows -> Int {
    let clock = ContinuousClock()
    let start = clock.now
    for _ in 0..<count {
        try await body()
    }
    let (seconds, attoseconds) = (clock.now - start).components
    let elapsed = Double(seconds) + Double(attoseconds) / 1e18
    return Int(Double(count) / elapsed)
}

let benchmarks: @Sendable () -> Void = {
    let fixture = Fixture()
    let perIteration = 1_000
    let storeMetrics: [BenchmarkMetric] = [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident]
    // (A closure: `Benchmark.Configuration` in a type position is ambiguous with the module's name.)
    let storeConfiguration = { (rate: BenchmarkMetric) in
        Benchmark.Configuration(
            metrics: [rate] + storeMetrics, timeUnits: .microseconds, warmupIterations: 1, scalingFactor: .kilo,
            maxDuration: .seconds(15), maxIterations: 25)
    }
    let accepted = perSecond("jobs accepted/s")
    let engineSubmits = perSecond("engine submits/s")
    let transitionRate = perSecond("transitions/s")
    let iterationsAtMost = storeConfiguration(accepted).maxIterations + storeConfiguration(accepted).warmupIterations + 2

    // (a) JobStore.submit of new jobs.
    Benchmark(
        "store submit (100k jobs stored)", configuration: storeConfiguration(accepted),
        closure: { benchmark in
            let store = fixture.store!
            benchmark.measurement(accepted, try await rate(count: benchmark.scaledIterations.count) {
                let record = fixture.records[fixture.cursor]
                fixture.cursor += 1
                blackHole(try await store.submit(record))
            })
        },
        setup: {
            let directory = try EngineBench.temporaryDirectory("ebench-store")
            fixture.directory = directory
            let store = try JobStore(path: directory + "/jobs.sqlite")
            try await EngineBench.populate(store)
            let job = EngineBench.smallJob()
            fixture.records = (0..<iterationsAtMost * perIteration).map {
                EngineBench.record(job, key: "new-\($0)", sessionRoot: directory + "/sessions")
            }
            fixture.store = store
        },
        teardown: { fixture.removeFiles() })

    // (b) Engine.submit: parse, validate and store a small xRSL.
    Benchmark(
        "engine submit (100k jobs stored)", configuration: storeConfiguration(engineSubmits),
        closure: { benchmark in
            let engine = fixture.engine!
            let text = Array(EngineBench.smallXRSL.utf8)
            benchmark.measurement(engineSubmits, try await rate(count: benchmark.scaledIterations.count) {
                let key = "engine-\(fixture.cursor)"
                fixture.cursor += 1
                blackHole(try await engine.submit(JobSubmission(text: text, clientKey: key, owner: "ebench")))
            })
        },
        setup: {
            let directory = try EngineBench.temporaryDirectory("ebench-engine")
            fixture.directory = directory
            let configuration = EngineConfiguration(stateDirectory: directory + "/state")
            try FileManager.default.createDirectory(atPath: configuration.stateDirectory, withIntermediateDirectories: true)
            do {
                let store = try JobStore(path: configuration.storePath)
                try await EngineBench.populate(store, sessionRoot: configuration.sessionRoot)
            }
            fixture.engine = try EngineBench.acceptingEngine(stateDirectory: configuration.stateDirectory)
        },
        teardown: { fixture.removeFiles() })

    // (c) JobStore.apply transitions on jobs already in the store.
    Benchmark(
        "store apply transitions (100k jobs stored)", configuration: storeConfiguration(transitionRate),
        closure: { benchmark in
            let store = fixture.store!
            let transitions = fixture.transitions!
            benchmark.measurement(transitionRate, try await rate(count: benchmark.scaledIterations.count) {
                try await transitions.applyNext(on: store)
            })
        },
        setup: {
            let directory = try EngineBench.temporaryDirectory("ebench-apply")
            fixture.directory = directory
            let store = try JobStore(path: directory + "/jobs.sqlite")
            let ids = try await EngineBench.populate(store, returningIDs: true)
            // Spread over the whole store rather than the newest rows only.
            let needed = (iterationsAtMost * perIteration) / EngineBench.lifecycle.count + 1
            let stride = max(1, ids.count / needed)
            fixture.transitions = TransitionCursor(ids: Swift.stride(from: 0, to: ids.count, by: stride).map { ids[$0] })
            fixture.store = store
        },
        teardown: { fixture.removeFiles() })

    // 2. Resident memory per stored job, store growth plus the start-up query.
    Benchmark(
        "RSS per stored job (0 to 100k jobs, then unfinishedJobs)",
        configuration: .init(
            metrics: [
                .wallClock,
                .custom("RSS bytes/job, total", useScalingFactor: false),
                .custom("RSS bytes/job, store growth", useScalingFactor: false),
                .custom("RSS bytes/job, unfinishedJobs()", useScalingFactor: false),
            ],
            timeUnits: .milliseconds, warmupIterations: 0, maxDuration: .seconds(1), maxIterations: 1),
        closure: { benchmark in
            let directory = try EngineBench.temporaryDirectory("ebench-rss")
            fixture.directory = directory
            let store = try JobStore(path: directory + "/jobs.sqlite")
            _ = try await store.countByState()
            let before = EngineBench.residentBytes()
            try await EngineBench.populate(store)
            let grown = EngineBench.residentBytes()
            benchmark.startMeasurement()
            let unfinished = try await store.unfinishedJobs()
            benchmark.stopMeasurement()
            let loaded = EngineBench.residentBytes()
            precondition(unfinished.count == EngineBench.storedJobs)
            blackHole(unfinished)
            let jobs = EngineBench.storedJobs
            benchmark.measurement(.custom("RSS bytes/job, total", useScalingFactor: false), (loaded - before) / jobs)
            benchmark.measurement(.custom("RSS bytes/job, store growth", useScalingFactor: false), (grown - before) / jobs)
            benchmark.measurement(.custom("RSS bytes/job, unfinishedJobs()", useScalingFactor: false), (loaded - grown) / jobs)
            withExtendedLifetime(unfinished) {}
        },
        teardown: { fixture.removeFiles() })

    // 3. Starting /bin/true: the local executor against a bare posix_spawn.
    let spawnConfiguration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal], timeUnits: .microseconds, units: [.throughput: .count],
        warmupIterations: 20, maxDuration: .seconds(5), maxIterations: 2_000)
    Benchmark(
        "executor start /bin/true", configuration: spawnConfiguration,
        closure: { benchmark in
            let spawn = fixture.spawn!
            let request = spawn.request()
            benchmark.startMeasurement()
            let handle = try await spawn.executorStart(request)
            benchmark.stopMeasurement()
            await spawn.finish(request, handle: handle)
        },
        setup: { fixture.spawn = try SpawnBench() },
        teardown: { fixture.removeFiles() })
    Benchmark(
        "posix_spawn /bin/true", configuration: spawnConfiguration,
        closure: { benchmark in
            let spawn = fixture.spawn!
            benchmark.startMeasurement()
            let pid = spawn.bareStart()
            benchmark.stopMeasurement()
            SpawnBench.reap(pid)
        },
        setup: { fixture.spawn = try SpawnBench() },
        teardown: { fixture.removeFiles() })
}
