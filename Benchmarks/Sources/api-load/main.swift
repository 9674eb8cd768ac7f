// api-load: the daemon under load (issue "The arkd daemon", acceptance). Starts `arkd serve` as its
// own process (local executor, API on a unix socket), then over that socket:
//
//   1. baseline: GET /healthz, the same number of requests at the same concurrency: what the HTTP
//      path alone costs, measured in the same run;
//   2. load: --jobs POST /v1/jobs of small jobs (`/bin/true`), each with its own Idempotency-Key,
//      --concurrency at a time: submissions/s, latency p50/p99, the daemon's RSS sampled meanwhile;
//   3. drain: batch status (POST /v1/jobs/status) until every job has ended, then a full listing:
//      every submitted id present exactly once, none lost, each finished.
//
// Bounded in count (--jobs) and in time (--timeout seconds for the whole run).
//
//   api-load --arkd PATH [--jobs 10000] [--concurrency 32] [--timeout 900]
import AsyncHTTPClient
import BenchDaemon
import BenchStatistics
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("api-load: " + message + "\n").utf8))
    exit(1)
}

struct Settings {
    var arkd = ""
    var jobs = 10_000
    var concurrency = 32
    var timeout = 900
    var rounds = 1

    init(_ arguments: [String]) {
        var iterator = arguments.makeIterator()
        while let name = iterator.next() {
            guard let value = iterator.next() else { fail("\(name) needs a value") }
            switch name {
            case "--arkd": arkd = value
            case "--jobs": jobs = Int(value) ?? 0
            case "--concurrency": concurrency = Int(value) ?? 0
            case "--timeout": timeout = Int(value) ?? 0
            case "--rounds": rounds = Int(value) ?? 0
            default: fail("unknown option \(name)")
            }
        }
        guard !arkd.isEmpty, jobs > 0, concurrency > 0, timeout > 0, rounds > 0 else {
            fail("usage: api-load --arkd PATH [--jobs N] [--concurrency N] [--rounds N] [--timeout SECONDS]")
        }
    }
}

/// `VmRSS` or `VmHWM` of a process, in bytes.
func memory(of pid: Int32, _ field: String) -> Int {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
        return (Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0) * 1024
    }
    return 0
}



/// Runs `count` requests, `concurrency` at a time; returns each one's latency in seconds and the
/// wall time of the whole batch.
func measure(count: Int, concurrency: Int, _ request: @escaping @Sendable (Int) async throws -> Void) async throws
    -> (latencies: [Double], wall: Double)
{
    let clock = ContinuousClock()
    let start = clock.now
    var latencies: [Double] = []
    latencies.reserveCapacity(count)
    try await withThrowingTaskGroup(of: Double.self) { group in
        var next = 0
        func launch() {
            let index = next
            next += 1
            group.addTask {
                let began = clock.now
                try await request(index)
                return (clock.now - began).seconds
            }
        }
        while next < min(concurrency, count) { launch() }
        while let latency = try await group.next() {
            latencies.append(latency)
            if next < count { launch() }
        }
    }
    return (latencies, (clock.now - start).seconds)
}

func milliseconds(_ seconds: Double) -> String { format(seconds * 1000, 2) + " ms" }

let settings = Settings(Array(CommandLine.arguments.dropFirst()))
let directory = NSTemporaryDirectory() + "arkd-api-load-\(UUID().uuidString.prefix(8))"
try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: directory) }

let deadline = ContinuousClock.now + .seconds(settings.timeout)
let daemon = try DaemonProcess(binary: settings.arkd, directory: directory)
var configuration = HTTPClient.Configuration()
configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = settings.concurrency
let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
let pid = daemon.process.processIdentifier

while (try? await daemon.send(client, .GET, "/readyz"))?.status != 200 {
    guard ContinuousClock.now < deadline, daemon.process.isRunning else { fail("arkd did not become ready") }
    try await Task.sleep(for: .milliseconds(50))
}
let idleRSS = memory(of: pid, "VmRSS")
print("arkd pid \(pid), idle RSS \(idleRSS / 1024) KiB; \(settings.jobs) requests per phase, \(settings.concurrency) at a time")

let healthz = try await measure(count: settings.jobs, concurrency: settings.concurrency) { _ in
    let reply = try await daemon.send(client, .GET, "/healthz")
    guard reply.status == 200 else { fail("healthz answered \(reply.status)") }
}

let peakRSS = Mutex(0)
let sampler = Task {
    while !Task.isCancelled {
        let rss = memory(of: pid, "VmRSS")
        peakRSS.withLock { $0 = max($0, rss) }
        try? await Task.sleep(for: .milliseconds(100))
    }
}

/// One round: every submission, then the drain until all of them ended.
struct Round {
    var latencies: [Double]
    var wall: Double
    var drain: Double
    var ids: [String]
    var finished: Int
    var rssAfter: Int
}

func runRound(_ number: Int) async throws -> Round {
    let ids = Mutex([String?](repeating: nil, count: settings.jobs))
    let submissions = try await measure(count: settings.jobs, concurrency: settings.concurrency) { index in
        let body = Array("&(executable=/bin/true)(jobname=load-\(number)-\(index))".utf8)
        let reply = try await daemon.send(client, .POST, "/v1/jobs", body: body,
                                   headers: [("Content-Type", "text/plain"), ("Idempotency-Key", "load-\(number)-\(index)")])
        guard reply.status == 201,
              let object = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any],
              let id = ((object["jobs"] as? [[String: Any]])?.first?["id"]) as? String
        else { fail("submission \(index) answered \(reply.status): \(String(decoding: reply.body, as: UTF8.self))") }
        ids.withLock { $0[index] = id }
    }
    let submitted = ids.withLock { $0.compactMap { $0 } }
    guard submitted.count == settings.jobs, Set(submitted).count == settings.jobs else {
        fail("\(settings.jobs) submissions gave \(Set(submitted).count) distinct ids")
    }
    let drainStart = ContinuousClock.now
    var states: [String: String] = [:]
    while true {
        let body = try JSONSerialization.data(withJSONObject: ["ids": submitted])
        let reply = try await daemon.send(client, .POST, "/v1/jobs/status", body: Array(body),
                                   headers: [("Content-Type", "application/json")])
        guard reply.status == 200, let object = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any],
              let jobs = object["jobs"] as? [[String: Any]], let unknown = object["unknown"] as? [String]
        else { fail("batch status answered \(reply.status)") }
        guard unknown.isEmpty else { fail("\(unknown.count) submitted jobs are unknown to arkd, e.g. \(unknown[0])") }
        states = Dictionary(jobs.compactMap { job in (job["id"] as? String).map { ($0, job["state"] as? String ?? "") } },
                            uniquingKeysWith: { first, _ in first })
        if states.values.allSatisfy({ ["finished", "failed", "killed"].contains($0) }) { break }
        guard ContinuousClock.now < deadline else { fail("the jobs did not all end within --timeout") }
        try await Task.sleep(for: .milliseconds(500))
    }
    return Round(latencies: submissions.latencies, wall: submissions.wall,
                 drain: (ContinuousClock.now - drainStart).seconds, ids: submitted,
                 finished: states.values.filter { $0 == "finished" }.count, rssAfter: memory(of: pid, "VmRSS"))
}

var rounds: [Round] = []
for number in 1...settings.rounds {
    rounds.append(try await runRound(number))
}
sampler.cancel()

var listed: [String] = []
var cursor: String?
repeat {
    let reply = try await daemon.send(client, .GET, "/v1/jobs?limit=1000" + (cursor.map { "&cursor=\($0)" } ?? ""))
    guard let object = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any],
          let jobs = object["jobs"] as? [[String: Any]] else { fail("listing answered \(reply.status)") }
    listed += jobs.compactMap { $0["id"] as? String }
    cursor = object["nextCursor"] as? String
} while cursor != nil
let highWater = memory(of: pid, "VmHWM")
try await client.shutdown().get()
let exitStatus = daemon.stop()

let allIDs = Set(rounds.flatMap(\.ids))
let finished = rounds.map(\.finished).reduce(0, +)
let total = settings.jobs * settings.rounds
let healthzRate = Double(settings.jobs) / healthz.wall
print("\nbaseline GET /healthz:   \(format(healthzRate)) requests/s, p50 \(milliseconds(median(healthz.latencies))), "
      + "p99 \(milliseconds(percentile(healthz.latencies, 0.99)))")
for (index, round) in rounds.enumerated() {
    let rate = Double(settings.jobs) / round.wall
    print("""
        round \(index + 1): POST /v1/jobs \(format(rate)) submissions/s (\(format(rate / healthzRate, 3))x healthz), \
        p50 \(milliseconds(median(round.latencies))), p99 \(milliseconds(percentile(round.latencies, 0.99))), \
        max \(milliseconds(round.latencies.max() ?? 0)); all ended \(format(round.drain)) s after the last submission \
        (\(format(Double(settings.jobs) / (round.wall + round.drain))) jobs/s end to end); arkd RSS after it \(round.rssAfter / 1024) KiB
        """)
}
print("""
    accounted for:           \(allIDs.intersection(listed).count) of \(total) in the listing \
    (\(listed.count) listed, \(Set(listed).count) distinct); \(finished) finished
    arkd RSS:                idle \(idleRSS / 1024) KiB, peak sampled \(peakRSS.withLock { $0 } / 1024) KiB, \
    high-water mark \(highWater / 1024) KiB
    arkd exit status after SIGTERM: \(exitStatus)
    """)
if finished != total || Set(listed).count != total || allIDs.count != total || exitStatus != 0 { exit(1) }
