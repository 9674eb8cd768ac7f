// engine-ratios: the two engine measurements that are ratios against a reference, each side
// interleaved with the other in one process so that load from elsewhere hits both alike.
// `engine-ratios.sh` sets up the HTTP server and runs both; see README.md, "Engine benchmarks".
//
//   engine-ratios spawn [--iterations N] [--warmup N]
//       LocalExecutor.submit of a /bin/true job against a bare posix_spawn of /bin/true (same file
//       actions and attributes), interleaved, measured two ways in the same run: (1) the call alone,
//       until it returns with the child started (posix_spawn returns once the child has executed
//       /bin/true), the child reaped afterwards, unmeasured (target: ratio of medians <= 1.2);
//       (2) the call plus waitpid until /bin/true has exited. The executor's release is never
//       measured. Wall-clock medians, p10/p90, the calling thread's CPU time, and the ratios.
//   engine-ratios spawn-breakdown [--iterations N]
//       The executor's steps replayed one at a time with the same system calls (for profiling).
//   engine-ratios download URL --dir DIR --bytes N [--rounds N] [--no-fsync-reference]
//       `curl -s -o DIR/curl/<name> URL` against Stager.stageIn of the same URL into the session
//       directory DIR/session with the default configuration (no fsync), rotating, each round
//       deleting the files. Also, unless told not to, the stager with syncInputsToDisk and, as its
//       reference, curl followed by fsync of its file. MB/s (10^6 bytes) of wall time; medians and
//       the ratios arkd/curl (target >= 0.9). `--arkd-only` times the default stager alone (for a
//       profiler).
import AsyncHTTPClient
import ArkdEngine
import EngineBenchSupport
import BenchStatistics
import Foundation
import Staging
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

let usage = """
    usage: engine-ratios spawn [--iterations N] [--warmup N]
           engine-ratios spawn-breakdown [--iterations N]
           engine-ratios download URL --dir DIR --bytes N [--rounds N] [--no-fsync-reference] [--arkd-only]
    """

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(1)
}

func processCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

struct Options {
    var positional: [String] = []
    var values: [String: String] = [:]
    var flags: Set<String> = []

    init(_ arguments: ArraySlice<String>, flags known: Set<String>) {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            if known.contains(argument) {
                flags.insert(argument)
            } else if argument.hasPrefix("--") {
                guard let value = iterator.next() else { fail("\(argument) needs a value\n\(usage)") }
                values[argument] = value
            } else {
                positional.append(argument)
            }
        }
    }

    func int(_ name: String, default value: Int) -> Int {
        guard let text = values[name] else { return value }
        guard let number = Int(text), number > 0 else { fail("\(name) needs a positive number") }
        return number
    }
}

// MARK: Spawn

func threadCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// One start: wall time and this thread's CPU time over the measured region.
struct SpawnSample {
    var wall: Double
    var cpu: Double
}

func spawnRatio(_ options: Options) async throws {
    let iterations = options.int("--iterations", default: 2_000)
    let warmup = options.int("--warmup", default: 100)
    let bench = try SpawnBench()
    defer { bench.removeFiles() }
    let clock = ContinuousClock()

    /// `reapInside`: the measured region also waits (waitpid) until /bin/true has exited.
    func timeExecutor(reapInside: Bool) async throws -> SpawnSample {
        let request = bench.request()
        let cpu = threadCPUSeconds()
        let start = clock.now
        let handle = try await bench.executorStart(request)
        if reapInside { SpawnBench.reap(SpawnBench.pid(of: handle)) }
        let sample = SpawnSample(wall: (clock.now - start).seconds, cpu: threadCPUSeconds() - cpu)
        if reapInside {
            await bench.executor.release(request, handle: handle)
        } else {
            await bench.finish(request, handle: handle)
        }
        return sample
    }
    func timeBare(reapInside: Bool) -> SpawnSample {
        let cpu = threadCPUSeconds()
        let start = clock.now
        let pid = bench.bareStart()
        if reapInside { SpawnBench.reap(pid) }
        let sample = SpawnSample(wall: (clock.now - start).seconds, cpu: threadCPUSeconds() - cpu)
        if !reapInside { SpawnBench.reap(pid) }
        return sample
    }

    // [reapInside][executor = 0, bare = 1]
    var samples = [[[SpawnSample]]](repeating: [[], []], count: 2)
    for index in 0..<(warmup + iterations) {
        for reapInside in [false, true] {
            // Alternate which side goes first, so neither always follows the other's reaping.
            let e: SpawnSample
            let b: SpawnSample
            if index % 2 == 0 {
                e = try await timeExecutor(reapInside: reapInside)
                b = timeBare(reapInside: reapInside)
            } else {
                b = timeBare(reapInside: reapInside)
                e = try await timeExecutor(reapInside: reapInside)
            }
            guard index >= warmup else { continue }
            samples[reapInside ? 1 : 0][0].append(e)
            samples[reapInside ? 1 : 0][1].append(b)
        }
    }

    print("start of /bin/true, \(iterations) interleaved rounds (after \(warmup) warm-up rounds); µs")
    for reapInside in [false, true] {
        let (executor, bare) = (samples[reapInside ? 1 : 0][0], samples[reapInside ? 1 : 0][1])
        print(reapInside
            ? "\nmeasured: the call, then waitpid until /bin/true has exited (both reaped inside)"
            : "\nmeasured: the call until it returns, the child started (reaped afterwards, unmeasured)")
        print("                         median     p10     p90   thread CPU (median)")
        for (label, values) in [("LocalExecutor.submit", executor), ("bare posix_spawn", bare)] {
            let walls = values.map(\.wall)
            print(label.padding(toLength: 22, withPad: " ", startingAt: 0)
                + [median(walls), percentile(walls, 0.1), percentile(walls, 0.9)].map { format($0 * 1e6).leftPad(8) }.joined()
                + format(median(values.map(\.cpu)) * 1e6).leftPad(12))
        }
        let executorMedian = median(executor.map(\.wall))
        let bareMedian = median(bare.map(\.wall))
        let pairRatios = zip(executor, bare).map { $0.wall / $1.wall }
        print("difference of medians: \(format((executorMedian - bareMedian) * 1e6)) µs; "
            + "ratio of medians executor/bare: \(format(executorMedian / bareMedian, 3))"
            + (reapInside ? "" : " (target <= 1.2)")
            + "; median of per-pair ratios: \(format(median(pairRatios), 3))")
    }
}

/// Where `LocalExecutor.submit`'s time goes: the same system calls it makes (see `PidFile` in
/// ArkdEngine), one step at a time, timed separately (medians). A replica for profiling, not the
/// executor itself; `spawn` measures the real thing. The steps in parentheses are not on the start
/// path: what observation does when it begins, and two for comparison.
func spawnBreakdown(_ options: Options) async throws {
    let iterations = options.int("--iterations", default: 1_000)
    let bench = try SpawnBench()
    defer { bench.removeFiles() }
    let runtime = bench.root + "/breakdown"
    try FileManager.default.createDirectory(atPath: runtime, withIntermediateDirectories: true)
    let marker = runtime + "/.start-marker"
    close(open(marker, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644))
    let clock = ContinuousClock()
    let steps = [
        "link pid file to start marker", "argv + environment", "posix_spawn",
        "(observe: read /proc/<pid>/stat)", "(observe: handle to file, rename)",
        "(for comparison: /proc/self/stat)", "(for comparison: create empty file)",
    ]
    func readFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 1_024)
        let count = read(fd, &buffer, buffer.count)
        return count >= 0 ? String(decoding: buffer[..<count], as: UTF8.self) : nil
    }
    var times = [[Double]](repeating: [], count: steps.count)
    for _ in 0..<iterations {
        let id = JobID.random().rawValue
        let pidFile = runtime + "/" + id + ".pid"
        var marks = [clock.now]
        blackHole(link(marker, pidFile))
        marks.append(clock.now)
        blackHole([("PATH", "/usr/local/bin:/usr/bin:/bin"), ("HOME", bench.session), ("ARKD_JOB_ID", id)]
            .map { strdup("\($0.0)=\($0.1)") }.map { free($0) })
        marks.append(clock.now)
        let pid = bench.bareStart()
        marks.append(clock.now)
        let stat = readFile("/proc/\(pid)/stat")
        let start = stat.flatMap { text in text.lastIndex(of: ")").map { text[text.index(after: $0)...].split(separator: " ") } }
        marks.append(clock.now)
        let handle = Array("local:\(pid):\(start.map { $0.count > 19 ? String($0[19]) : "0" } ?? "0")\n".utf8)
        let temporary = pidFile + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        _ = write(fd, handle, handle.count)
        close(fd)
        rename(temporary, pidFile)
        marks.append(clock.now)
        blackHole(readFile("/proc/self/stat"))
        marks.append(clock.now)
        close(open(pidFile + ".new", O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644))
        marks.append(clock.now)
        unlink(pidFile + ".new")
        for index in steps.indices { times[index].append((marks[index + 1] - marks[index]).seconds) }
        SpawnBench.reap(pid)
        unlink(pidFile)
    }
    print("LocalExecutor.submit's steps replayed one by one, \(iterations) times; median µs")
    for (step, values) in zip(steps, times) {
        print("  " + step.padding(toLength: 38, withPad: " ", startingAt: 0) + format(median(values) * 1e6).leftPad(8))
    }
}

@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

extension String {
    func leftPad(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

// MARK: Download

/// Runs a command, waits for it, and returns its exit status (wall time is the caller's).
func run(_ arguments: [String]) -> Int32 {
    let argv = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let result = posix_spawnp(&pid, arguments[0], nil, nil, argv, environ)
    guard result == 0 else { fail("cannot run \(arguments[0]): \(String(cString: strerror(result)))") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 {
        guard errno == EINTR else { fail("waitpid: \(String(cString: strerror(errno)))") }
    }
    return status
}

func fileSize(_ path: String) -> Int64 {
    var info = stat()
    return stat(path, &info) == 0 ? Int64(info.st_size) : -1
}

func fsyncFile(_ path: String) {
    let fd = open(path, O_RDONLY)
    guard fd >= 0, fsync(fd) == 0 else { fail("cannot fsync \(path)") }
    close(fd)
}

final class ProgressCounter: Sendable {
    let updates = Atomic<Int>(0)
    let bytes = Atomic<Int64>(0)
}

func downloadRatio(_ options: Options) async throws {
    guard options.positional.count == 1, let url = URL(string: options.positional[0]),
          let directory = options.values["--dir"], let bytesText = options.values["--bytes"], let expected = Int64(bytesText)
    else { fail(usage) }
    let rounds = options.int("--rounds", default: 3)
    let arkdOnly = options.flags.contains("--arkd-only")
    let fsyncReference = !options.flags.contains("--no-fsync-reference") && !arkdOnly
    let name = url.lastPathComponent.isEmpty ? "download.bin" : url.lastPathComponent
    let curlDirectory = directory + "/curl"
    let session = directory + "/session"
    for path in [curlDirectory, session] {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    let staging = StagingConfiguration()
    var syncing = staging
    syncing.syncInputsToDisk = true
    let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: staging.makeHTTPClientConfiguration())
    let stager = Stager(configuration: staging, httpClient: client, limiter: ConcurrencyLimiter(limit: 16))
    let syncingStager = Stager(configuration: syncing, httpClient: client, limiter: ConcurrencyLimiter(limit: 16))
    let clock = ContinuousClock()
    let mb = Double(expected) / 1e6

    enum Side: String, CaseIterable {
        case curl = "curl -o", arkd = "arkd stageIn", curlFsync = "curl -o + fsync", arkdSync = "arkd, fsync on"
    }
    var seconds: [Side: [Double]] = [:]
    var cpu: [Side: [Double]] = [:]

    func curl(fsyncAfter: Bool) -> (Double, Double) {
        let target = curlDirectory + "/" + name
        var before = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &before)
        let start = clock.now
        let status = run(["curl", "-s", "-f", "-o", target, url.absoluteString])
        if fsyncAfter { fsyncFile(target) }
        let elapsed = (clock.now - start).seconds
        var after = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &after)
        guard status == 0, fileSize(target) == expected else { fail("curl failed (status \(status), \(fileSize(target)) bytes)") }
        unlink(target)
        let cpuSeconds = Double(after.ru_utime.tv_sec - before.ru_utime.tv_sec + after.ru_stime.tv_sec - before.ru_stime.tv_sec)
            + Double(after.ru_utime.tv_usec - before.ru_utime.tv_usec + after.ru_stime.tv_usec - before.ru_stime.tv_usec) / 1e6
        return (elapsed, cpuSeconds)
    }
    func arkd(syncing: Bool) async throws -> (Double, Double) {
        let counter = ProgressCounter()
        let cpuBefore = processCPUSeconds()
        let start = clock.now
        let staged = try await (syncing ? syncingStager : stager).stageIn([InputRequest(name: name, source: .http(url))], into: session) { update in
            counter.updates.add(1, ordering: .relaxed)
            counter.bytes.store(update.bytes, ordering: .relaxed)
        }
        let elapsed = (clock.now - start).seconds
        let cpuSeconds = processCPUSeconds() - cpuBefore
        guard staged.first?.bytes == expected, fileSize(session + "/" + name) == expected else {
            fail("arkd staged \(staged.first?.bytes ?? -1) bytes, expected \(expected)")
        }
        unlink(session + "/" + name)
        return (elapsed, cpuSeconds)
    }

    // Warm-up: the server's file into the page cache, the client's connection pool, the code paths.
    _ = run(["curl", "-s", "-f", "-o", "/dev/null", url.absoluteString])
    _ = try await arkd(syncing: false)

    var order: [Side] = arkdOnly ? [.arkd] : fsyncReference ? [.curl, .arkd, .curlFsync, .arkdSync] : [.curl, .arkd]
    for round in 1...rounds {
        var line = "round \(round):"
        for side in order {
            let (elapsed, cpuSeconds) = switch side {
            case .arkd, .arkdSync: try await arkd(syncing: side == .arkdSync)
            case .curl, .curlFsync: curl(fsyncAfter: side == .curlFsync)
            }
            seconds[side, default: []].append(elapsed)
            cpu[side, default: []].append(cpuSeconds)
            line += "  \(side.rawValue) \(format(mb / elapsed)) MB/s"
        }
        print(line)
        order.append(order.removeFirst())
    }
    try await client.shutdown()

    print("\n\(format(mb, 0)) MB (\(expected) bytes) from \(url.absoluteString), \(rounds) rounds, medians:")
    for side in Side.allCases {
        guard let values = seconds[side] else { continue }
        let time = median(values)
        print("  \(side.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)) \(format(mb / time).leftPad(7)) MB/s"
            + "  (\(format(time, 3)) s, CPU \(format(median(cpu[side] ?? []), 2)) s)")
    }
    if let curlTime = seconds[.curl].map(median), let arkdTime = seconds[.arkd].map(median) {
        print("ratio arkd/curl (default, no fsync): \(format(curlTime / arkdTime, 3)) (target >= 0.9)")
        if let syncedTime = seconds[.arkdSync].map(median) {
            print("ratio arkd with fsync/curl: \(format(curlTime / syncedTime, 3))")
            if let curlSyncedTime = seconds[.curlFsync].map(median) {
                print("ratio arkd with fsync/(curl + fsync): \(format(curlSyncedTime / syncedTime, 3))")
            }
        }
    }
}

// MARK: Main

let arguments = CommandLine.arguments
guard arguments.count >= 2 else { fail(usage) }
let options = Options(arguments.dropFirst(2), flags: ["--no-fsync-reference", "--arkd-only"])
do {
    switch arguments[1] {
    case "spawn": try await spawnRatio(options)
    case "spawn-breakdown": try await spawnBreakdown(options)
    case "download": try await downloadRatio(options)
    default: fail(usage)
    }
} catch {
    fail("engine-ratios: \(error)")
}
