// k8s-bench: the Kubernetes side of arkd against the fake API server (KubernetesFake, TLS on
// 127.0.0.1), as plain ContinuousClock/getrusage measurements. `k8s-bench.sh` runs all three; see
// README.md, "Kubernetes benchmarks".
//
//   k8s-bench create [--rounds N] [--limited-pods N] [--unlimited-pods N] [--kubectl-pods N]
//       Pods created per second through KubernetesClient.createPod, with the rate limit at QPS 50
//       (burst 100) and unlimited, by 1, 4 and 16 concurrent creators, a fresh fake per cell whose
//       kubelet leaves every pod Pending. In the same run `kubectl create -f pod.json`, one process
//       per pod, sequentially, against the same kind of fake; the ratio arkd (1 creator,
//       unlimited) / kubectl. Medians over the rounds; the cells of one round run back to back.
//   k8s-bench latency [--jobs N] [--in-flight N]
//       N jobs (`/bin/exit0`, kubelet script `.succeeds()`) through KubernetesRuntime.withEngine,
//       at most --in-flight at a time. Per job: from the fake storing (and sending to the watch) the
//       pod's terminal phase to the job's `finishing` and to its terminal transition in the store.
//   k8s-bench track [--pods N]
//       RSS and CPU of one PodListWatch over N pods (label app.kubernetes.io/managed-by=arkd): to
//       its snapshot, then through one MODIFIED per pod. The fake runs in a child process
//       (`k8s-bench serve-fake`), which also creates and patches the pods, so that this process
//       holds only the watch and the pods it keeps.
import ArkdEngine
import BenchStatistics
import Foundation
import KubernetesClient
import KubernetesFake
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

let usage = """
    usage: k8s-bench create [--rounds N] [--limited-pods N] [--unlimited-pods N] [--kubectl-pods N]
           k8s-bench latency [--jobs N] [--in-flight N]
           k8s-bench track [--pods N]
    """

let managedBy = "app.kubernetes.io/managed-by"

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(1)
}

func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
}

/// `--name value` options after the subcommand.
func options(_ arguments: ArraySlice<String>) -> [String: Int] {
    var values: [String: Int] = [:]
    var iterator = arguments.makeIterator()
    while let name = iterator.next() {
        guard name.hasPrefix("--"), let text = iterator.next(), let value = Int(text), value > 0 else {
            fail("bad option \(name)\n\(usage)")
        }
        values[String(name.dropFirst(2))] = value
    }
    return values
}

func quietLogger() -> Logger {
    var logger = Logger(label: "k8s-bench")
    logger.logLevel = .critical
    return logger
}

func temporaryDirectory(_ prefix: String) throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
}

/// A fake whose kubelet leaves every pod Pending unless given a script.
func startFake(script: @escaping @Sendable (JSON) -> PodScript? = { _ in nil }) async throws -> FakeKubernetes {
    var configuration = FakeKubernetes.Configuration()
    configuration.namespaces = ["default", "grid"]
    configuration.script = script
    return try await FakeKubernetes.start(configuration)
}

func client(for fake: FakeKubernetes, rateLimit: RateLimit) throws -> KubernetesClient {
    let kubeconfig = try Kubeconfig(yaml: fake.kubeconfig(namespace: "grid"), directory: "/nonexistent")
    return try KubernetesClient(configuration: try kubeconfig.configuration(),
                                options: KubernetesClientOptions(rateLimit: rateLimit), logger: quietLogger())
}

/// A pod like the ones arkd creates, in size if not in every field.
func benchPod(name: String) -> Pod {
    let container = Container(
        name: "payload", image: "docker.io/library/busybox:1.36", command: ["/bin/sh", "-c", "exec /bin/true"],
        workingDir: "/session", env: [EnvVar(name: "GRID_JOB", value: name)],
        resources: ResourceRequirements(requests: ["cpu": "1", "memory": "2000Mi"], limits: ["cpu": "1", "memory": "2000Mi"]))
    return Pod(metadata: ObjectMeta(name: name, labels: [managedBy: "arkd", "arkd.io/job": name, "arkd.io/queue": "default"]),
               spec: PodSpec(containers: [container], restartPolicy: "Never", activeDeadlineSeconds: 3600))
}

/// Hands out 0, 1, 2, ... to concurrent tasks.
final class Counter: Sendable {
    private let value = Atomic<Int>(0)

    func take() -> Int { value.add(1, ordering: .relaxed).oldValue }
}

/// Creates pods `prefix-0` ... `prefix-(count-1)` with `creators` concurrent tasks.
func createPods(_ client: KubernetesClient, prefix: String, count: Int, creators: Int) async throws {
    let next = Counter()
    try await withThrowingTaskGroup(of: Void.self) { group in
        for _ in 0..<creators {
            group.addTask {
                while true {
                    let index = next.take()
                    guard index < count else { return }
                    _ = try await client.createPod(benchPod(name: "\(prefix)-\(index)"))
                }
            }
        }
        try await group.waitForAll()
    }
}

// MARK: create

let kubectl = ["/usr/bin/kubectl", "/usr/local/bin/kubectl"].first { FileManager.default.isExecutableFile(atPath: $0) }

func runKubectl(_ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: kubectl ?? "kubectl")
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let message = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        fail("kubectl \(arguments.joined(separator: " ")): \(String(decoding: message, as: UTF8.self))")
    }
}

/// Pods per second of `kubectl create -f pod.json`, one process per pod (after one untimed run that
/// fills kubectl's discovery cache).
func kubectlRate(pods: Int) async throws -> Double {
    let fake = try await startFake()
    let directory = try temporaryDirectory("k8s-bench-kubectl")
    defer { try? FileManager.default.removeItem(at: directory) }
    let config = directory.appendingPathComponent("config").path
    try fake.kubeconfig(namespace: "grid").write(toFile: config, atomically: true, encoding: .utf8)
    var pod = benchPod(name: "unused")
    pod.metadata.name = nil
    pod.metadata.generateName = "kubectl-"
    let podFile = directory.appendingPathComponent("pod.json")
    try KubernetesJSON.encode(pod).write(to: podFile)
    let arguments = ["--kubeconfig", config, "--cache-dir", directory.appendingPathComponent("cache").path,
                     "create", "-f", podFile.path]
    try runKubectl(arguments)
    let start = ContinuousClock.now
    for _ in 0..<pods { try runKubectl(arguments) }
    let elapsed = ContinuousClock.now - start
    await fake.shutdown()
    return Double(pods) / elapsed.seconds
}

/// Pods per second of one cell, on a fresh fake, after one untimed create that opens a connection.
func arkdRate(rateLimit: RateLimit, creators: Int, pods: Int) async throws -> Double {
    let fake = try await startFake()
    let client = try client(for: fake, rateLimit: rateLimit)
    _ = try await client.createPod(benchPod(name: "warmup"))
    let start = ContinuousClock.now
    try await createPods(client, prefix: "bench", count: pods, creators: creators)
    let elapsed = ContinuousClock.now - start
    await fake.shutdown()
    try await client.shutdown()
    return Double(pods) / elapsed.seconds
}

func createBenchmark(_ options: [String: Int]) async throws {
    let rounds = options["rounds"] ?? 3
    let limitedPods = options["limited-pods"] ?? 400
    let unlimitedPods = options["unlimited-pods"] ?? 2000
    let kubectlPods = options["kubectl-pods"] ?? 50
    guard kubectl != nil else { fail("kubectl is not installed (looked in /usr/bin and /usr/local/bin)") }
    let limits: [(name: String, limit: RateLimit, pods: Int)] = [
        ("QPS 50, burst 100", .tokenBucket(queriesPerSecond: 50, burst: 100), limitedPods),
        ("unlimited", .unlimited, unlimitedPods),
    ]
    let creatorCounts = [1, 4, 16]
    var rates: [String: [Double]] = [:]
    var kubectlRates: [Double] = []
    for round in 1...rounds {
        print("round \(round)/\(rounds)")
        kubectlRates.append(try await kubectlRate(pods: kubectlPods))
        for (name, limit, pods) in limits {
            for creators in creatorCounts {
                rates["\(name)/\(creators)", default: []].append(try await arkdRate(rateLimit: limit, creators: creators, pods: pods))
            }
        }
    }
    print("\npods created per second (median of \(rounds) rounds; fresh fake per cell, pods left Pending)")
    print("\("client".padding(toLength: 40, withPad: " ", startingAt: 0)) \(pad("creators", 8)) \(pad("pods", 6)) \(pad("pods/s", 8))")
    for (name, _, pods) in limits {
        for creators in creatorCounts {
            print("\(("arkd KubernetesClient, " + name).padding(toLength: 40, withPad: " ", startingAt: 0)) \(pad("\(creators)", 8)) \(pad("\(pods)", 6)) \(pad(format(median(rates["\(name)/\(creators)"]!)), 8))")
        }
    }
    let kubectlMedian = median(kubectlRates)
    print("\("kubectl create -f, 1 process/pod".padding(toLength: 40, withPad: " ", startingAt: 0)) \(pad("1", 8)) \(pad("\(kubectlPods)", 6)) \(pad(format(kubectlMedian), 8))")
    let ratios = zip(rates["unlimited/1"]!, kubectlRates).map { $0 / $1 }
    print("ratio arkd (1 creator, unlimited) / kubectl: \(format(median(ratios))) (median of the rounds' ratios; per round: \(ratios.map { format($0) }.joined(separator: ", ")))")
}

// MARK: latency

func latencyBenchmark(_ options: [String: Int]) async throws {
    let jobs = options["jobs"] ?? 200
    let inFlight = options["in-flight"] ?? jobs
    let fake = try await startFake { _ in .succeeds() }
    let root = try temporaryDirectory("k8s-bench-latency")
    defer { try? FileManager.default.removeItem(at: root) }
    let config = root.appendingPathComponent("config").path
    try fake.kubeconfig(namespace: "grid").write(toFile: config, atomically: true, encoding: .utf8)
    var site = SiteConfiguration(stateDirectory: root.appendingPathComponent("state").path, executor: .kubernetes,
                                 maxRunningJobs: max(inFlight, 1))
    site.kubernetes.kubeconfig = config
    site.kubernetes.sessionVolume = .hostPath(site.engineConfiguration.sessionRoot)
    site.queues = ["default": QueuePolicy(namespace: "grid", image: "docker.io/library/busybox:1.36")]

    let start = ContinuousClock.now
    let histories = try await KubernetesRuntime.withEngine(site: site, logger: quietLogger()) { engine in
        try await withThrowingTaskGroup(of: [(JobID, [JobTransition])]?.self) { group in
            group.addTask {
                try await engine.run()
                return nil
            }
            group.addTask {
                let next = Counter()
                let ids = try await withThrowingTaskGroup(of: [JobID].self) { workers in
                    for _ in 0..<inFlight {
                        workers.addTask {
                            var done: [JobID] = []
                            while next.take() < jobs {
                                let updates = engine.watch()
                                let text = Array("&(executable=\"/bin/exit0\")(jobname=\"k8s-bench\")".utf8)
                                guard let id = try await engine.submit(JobSubmission(text: text)).first?.id else {
                                    fail("the engine accepted no job")
                                }
                                for await case .state(let job) in updates where job.id == id && job.state.isTerminal {
                                    guard job.state == .finished else { fail("job \(id) ended \(job.state)") }
                                    break
                                }
                                done.append(id)
                            }
                            return done
                        }
                    }
                    return try await workers.reduce(into: []) { $0 += $1 }
                }
                var histories: [(JobID, [JobTransition])] = []
                for id in ids { histories.append((id, try await engine.store.history(of: id))) }
                return histories
            }
            while let next = try await group.next() {
                if let histories = next {
                    engine.shutdown()
                    group.cancelAll()
                    return histories
                }
            }
            throw CancellationError()
        }
    }
    let elapsed = ContinuousClock.now - start

    var toFinishing: [Double] = []
    var toTerminal: [Double] = []
    for (id, history) in histories {
        let changes = await fake.statusChanges(namespace: "grid", name: PodPlan.podName(for: id))
        // A quick exit shows its terminated container one event before the terminal phase.
        guard let podEnded = changes.first(where: { $0.containersTerminated || ["Succeeded", "Failed"].contains($0.phase) })?.at,
              let terminal = history.first(where: { $0.toState.isTerminal })?.at else {
            fail("job \(id): no pod end (\(changes.map { "\($0.phase ?? "-")/\($0.containersTerminated)" })) or job state (\(history.map(\.toState)))")
        }
        toTerminal.append(terminal.timeIntervalSince(podEnded) * 1000)
        if let finishing = history.first(where: { $0.toState == .finishing })?.at {
            toFinishing.append(finishing.timeIntervalSince(podEnded) * 1000)
        }
    }
    await fake.shutdown()
    print("\(jobs) jobs, at most \(inFlight) in flight, in \(format(elapsed.seconds, 2)) s (\(format(Double(jobs) / elapsed.seconds)) jobs/s)")
    print("from the pod's terminal watch event (the fake's time) to the job's committed transition (store time, ms precision):")
    print("\(pad("transition", 12)) \(pad("jobs", 5)) \(pad("p50 ms", 8)) \(pad("p99 ms", 8)) \(pad("max ms", 8))")
    for (name, values) in [("finishing", toFinishing), ("terminal", toTerminal)] where !values.isEmpty {
        print("\(pad(name, 12)) \(pad("\(values.count)", 5)) \(pad(format(percentile(values, 0.5)), 8)) \(pad(format(percentile(values, 0.99)), 8)) \(pad(format(values.max()!), 8))")
    }
}

// MARK: track

func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
          let pages = text.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// The child of `track`: a fake with `pods` pods; writes its kubeconfig to `directory`/config and
/// says `ready`; on `modify` patches a label of every pod and says `modified`; ends on end of input.
func serveFake(_ options: [String: Int], directory: String) async throws {
    let pods = options["pods"] ?? 10_000
    let fake = try await startFake()
    let client = try client(for: fake, rateLimit: .unlimited)
    try await createPods(client, prefix: "tracked", count: pods, creators: 8)
    try fake.kubeconfig(namespace: "grid").write(toFile: directory + "/config", atomically: true, encoding: .utf8)
    FileHandle.standardOutput.write(Data("ready\n".utf8))
    while let line = await Task.detached(operation: { readLine() }).value {
        guard line == "modify" else { continue }
        let next = Counter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    while true {
                        let index = next.take()
                        guard index < pods else { return }
                        let patch = JSONValue.object(["metadata": .object(["labels": .object(["bench": .string("modified")])])])
                        try await client.patchPod(name: "tracked-\(index)", patch: patch)
                    }
                }
            }
            try await group.waitForAll()
        }
        FileHandle.standardOutput.write(Data("modified\n".utf8))
    }
    try await client.shutdown()
    await fake.shutdown()
}

/// The next line from `handle`, read byte by byte off the cooperative pool (nil at end of file).
func nextLine(_ handle: FileHandle) async -> String? {
    await Task.detached {
        var line = Data()
        while true {
            let byte = handle.readData(ofLength: 1)
            if byte.isEmpty { return line.isEmpty ? nil : String(decoding: line, as: UTF8.self) }
            if byte.first == UInt8(ascii: "\n") { return String(decoding: line, as: UTF8.self) }
            line.append(byte)
        }
    }.value
}

func trackBenchmark(_ options: [String: Int]) async throws {
    let pods = options["pods"] ?? 10_000
    let directory = try temporaryDirectory("k8s-bench-track")
    defer { try? FileManager.default.removeItem(at: directory) }
    let child = Process()
    child.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    child.arguments = ["serve-fake", directory.path, "--pods", "\(pods)"]
    let toChild = Pipe()
    let fromChild = Pipe()
    child.standardInput = toChild
    child.standardOutput = fromChild
    try child.run()
    print("creating \(pods) pods in the fake (child process \(child.processIdentifier))")
    guard await nextLine(fromChild.fileHandleForReading) == "ready" else { fail("serve-fake did not start") }

    let kubeconfig = try Kubeconfig.load(path: directory.path + "/config")
    let client = try KubernetesClient(configuration: try kubeconfig.configuration(),
                                      options: KubernetesClientOptions(rateLimit: .unlimited), logger: quietLogger())
    let watch = PodListWatch(client: client, namespace: "grid", labelSelector: "\(managedBy)=arkd")
    // What a consumer of the watch keeps: every pod by name, as the engine's watch hub does.
    var cache: [String: Pod] = [:]
    var events = watch.makeAsyncIterator()
    let rss0 = residentBytes(), cpu0 = cpuSeconds(), start = ContinuousClock.now
    guard case .snapshot(let listed, _) = try await events.next() else { fail("the watch began without a snapshot") }
    for pod in listed { cache[pod.metadata.name ?? ""] = pod }
    let rss1 = residentBytes(), cpu1 = cpuSeconds(), listed1 = ContinuousClock.now

    toChild.fileHandleForWriting.write(Data("modify\n".utf8))
    var modified = 0
    let modifyStart = ContinuousClock.now
    let cpuModify0 = cpuSeconds()
    while modified < pods {
        switch try await events.next() {
        case .modified(let pod):
            cache[pod.metadata.name ?? ""] = pod
            if pod.metadata.labels?["bench"] == "modified" { modified += 1 }
        case .snapshot, .added, .deleted: fail("unexpected watch event")
        case nil: fail("the watch ended")
        }
    }
    let rss2 = residentBytes(), cpu2 = cpuSeconds(), modifyEnd = ContinuousClock.now
    guard await nextLine(fromChild.fileHandleForReading) == "modified" else { fail("serve-fake did not patch the pods") }
    toChild.fileHandleForWriting.closeFile()
    child.waitUntilExit()
    try await client.shutdown()
    precondition(cache.count == pods)

    let mib = 1_048_576.0
    print("PodListWatch over \(pods) pods, this process only (the fake is the child):")
    print("  RSS before \(format(Double(rss0) / mib)) MiB, after snapshot \(format(Double(rss1) / mib)) MiB, after \(pods) MODIFIED \(format(Double(rss2) / mib)) MiB")
    print("  snapshot: \(format((listed1 - start).seconds, 2)) s wall, \(format((cpu1 - cpu0) * 1e6 / Double(pods))) µs CPU per pod, \(format(Double(rss1 - rss0) / Double(pods), 0)) bytes RSS per pod")
    print("  MODIFIED: \(format((modifyEnd - modifyStart).seconds, 2)) s wall (paced by the patching child), \(format((cpu2 - cpuModify0) * 1e6 / Double(pods))) µs CPU per event, RSS per pod after them \(format(Double(rss2 - rss0) / Double(pods), 0)) bytes")
}

// MARK: main

let arguments = CommandLine.arguments
guard arguments.count >= 2 else { fail(usage) }
switch arguments[1] {
case "create": try await createBenchmark(options(arguments.dropFirst(2)))
case "latency": try await latencyBenchmark(options(arguments.dropFirst(2)))
case "track": try await trackBenchmark(options(arguments.dropFirst(2)))
case "serve-fake" where arguments.count >= 3: try await serveFake(options(arguments.dropFirst(3)), directory: arguments[2])
default: fail(usage)
}
