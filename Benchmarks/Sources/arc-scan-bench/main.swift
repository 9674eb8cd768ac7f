// arc-scan-bench: `arkctl arc scan` over 10,000 ended jobs (issue "arkctl arc submit|scan|cancel",
// acceptance: one batch request, at most 2 s). Run by ../../arc-scan-bench.sh, which builds the
// binaries in release mode; by hand:
//
//   arc-scan-bench --arkd PATH --arkctl PATH [--jobs 10000] [--layout flat|nested] [--concurrency 32]
//                  [--limit 2] [--timeout 1800] [--keep yes]
//
// 1. starts `arkd serve` (local executor, API on a unix socket, the scratch session root as its
//    gridSessionRoots);
// 2. makes a control directory of --jobs grid jobs as A-REX leaves them in SUBMIT (GRAMI file,
//    `.local`, `errors`, state file, session directory with an empty `.diag` and a non-empty
//    `.comment`, so every job gets every write), ARC 6 or ARC 7 layout;
// 3. submits them through the API as `arkctl arc submit` does (GRAMI text, Idempotency-Key
//    `arc:<grid id>`, `/bin/true`), records each arkd id as submit and A-REX do (GRAMI
//    `joboption_jobid=`, `.local` `localid=`, state INLRMS), and waits until all have ended;
// 4. reads arkd_api_requests_total for route /v1/jobs/status from /metrics, runs `arkctl arc scan`
//    once and times it (the whole process: start, listing, one request, 10,000 × .diag, errors,
//    fsync'd lrms_done), reads the counter again;
// 5. checks every job got `lrms_done` "0 ...", and prints the time and the number of requests.
//
// Exit status: 0 within --limit with one request; 1 something went wrong; 2 correct but slower than
// --limit or more than one request.
import ARCIntegration
import AsyncHTTPClient
import BenchDaemon
import BenchStatistics
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("arc-scan-bench: " + message + "\n").utf8))
    exit(1)
}

struct Settings {
    var arkd = ""
    var arkctl = ""
    var jobs = 10_000
    var layout = ControlDirectory.Layout.flat
    var concurrency = 32
    var limit = 2.0
    var timeout = 1800
    /// Leave the scratch directory (control directory, session area, the scan's log) for a look.
    var keep = false

    init(_ arguments: [String]) {
        var iterator = arguments.makeIterator()
        while let name = iterator.next() {
            guard let value = iterator.next() else { fail("\(name) needs a value") }
            switch name {
            case "--arkd": arkd = value
            case "--arkctl": arkctl = value
            case "--jobs": jobs = Int(value) ?? 0
            case "--layout": layout = ControlDirectory.Layout(rawValue: value) ?? { fail("--layout is flat or nested") }()
            case "--concurrency": concurrency = Int(value) ?? 0
            case "--limit": limit = Double(value) ?? 0
            case "--timeout": timeout = Int(value) ?? 0
            case "--keep": keep = value == "yes"
            default: fail("unknown option \(name)")
            }
        }
        guard !arkd.isEmpty, !arkctl.isEmpty, jobs > 0, concurrency > 0, limit > 0, timeout > 0 else {
            fail("usage: arc-scan-bench --arkd PATH --arkctl PATH [--jobs N] [--layout flat|nested] "
                 + "[--concurrency N] [--limit SECONDS] [--timeout SECONDS] [--keep yes]")
        }
    }
}



/// `arkd_api_requests_total` summed over methods and codes for one route.
func requestCount(_ client: HTTPClient, _ daemon: DaemonProcess, route: String) async throws -> Int {
    let reply = try await daemon.send(client, .GET, "/metrics")
    guard reply.status == 200 else { fail("/metrics answered \(reply.status)") }
    var total = 0.0
    for line in String(decoding: reply.body, as: UTF8.self).split(separator: "\n")
    where line.hasPrefix("arkd_api_requests_total{") && line.contains("route=\"\(route)\"") {
        total += line.split(separator: " ").last.flatMap { Double($0) } ?? 0
    }
    return Int(total)
}

func write(_ text: String, to path: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

let settings = Settings(Array(CommandLine.arguments.dropFirst()))
let directory = NSTemporaryDirectory() + "arc-scan-bench-\(UUID().uuidString.prefix(8))"
let sessionRoot = directory + "/session"
let controlPath = directory + "/control"
for path in [sessionRoot, controlPath + "/processing"] + (settings.layout == .nested ? [controlPath + "/jobs"] : []) {
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
}
let control = try ControlDirectory.open(controlPath)
let deadline = ContinuousClock.now + .seconds(settings.timeout)

// A-REX's files for each job, as it leaves them before running submit.
let clock = ContinuousClock()
var started = clock.now
let gridIDs = (0..<settings.jobs).map { String(String(format: "%010d", $0).reversed()) + "mqbxyWm7oGTLoVqnpfnABFKDm" }
for id in gridIDs {
    let session = sessionRoot + "/" + id
    try FileManager.default.createDirectory(atPath: session, withIntermediateDirectories: true)
    if control.layout == .nested {
        try FileManager.default.createDirectory(atPath: control.jobDirectory(id), withIntermediateDirectories: true)
    }
    try write("""
        joboption_directory='\(session)'
        joboption_controldir='\(controlPath)'
        joboption_arg_0='/bin/true'
        joboption_stdin='/dev/null'
        joboption_stdout='/dev/null'
        joboption_stderr='/dev/null'
        joboption_count=1
        joboption_gridid='\(id)'

        """, to: control.path(of: .grami, job: id))
    try write("lrms=arkd\nsessiondir=\(session)\n", to: control.path(of: .local, job: id))
    try write("2026-11-22T02:39:46Z Job state change PREPARING -> SUBMIT\n", to: control.path(of: .errors, job: id))
    try write("SUBMIT", to: control.statusFile(job: id))
    try write("", to: session + ".diag")
    try write("job wrapper output of \(id)\n", to: session + ".comment")
}
print("control directory (\(control.layout.rawValue)) with \(settings.jobs) jobs made in \(format((clock.now - started).seconds)) s")

let daemon = try DaemonProcess(binary: settings.arkd, directory: directory, settings: "gridSessionRoots: [\(sessionRoot)]")
var configuration = HTTPClient.Configuration()
configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = settings.concurrency
let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
let socket = daemon.socket
while (try? await daemon.send(client, .GET, "/readyz"))?.status != 200 {
    guard ContinuousClock.now < deadline, daemon.process.isRunning else { fail("arkd did not become ready") }
    try await Task.sleep(for: .milliseconds(50))
}

// Submit every job as `arkctl arc submit` does, `concurrency` at a time.
started = clock.now
let localIDs = Mutex([String?](repeating: nil, count: settings.jobs))
try await withThrowingTaskGroup(of: Void.self) { group in
    var next = 0
    func launch() {
        let index = next
        next += 1
        group.addTask {
            let id = gridIDs[index]
            let grami = try GRAMIFile.read(control.path(of: .grami, job: id))
            let reply = try await daemon.send(client, .POST, "/v1/jobs", body: grami.bytes,
                                       headers: [("Content-Type", "text/plain"), ("Idempotency-Key", "arc:\(id)")])
            guard (200...201).contains(reply.status),
                  let object = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any],
                  let localID = ((object["jobs"] as? [[String: Any]])?.first?["id"]) as? String
            else { fail("submission of \(id) answered \(reply.status): \(String(decoding: reply.body, as: UTF8.self))") }
            try GRAMIFile.appendJobID(localID, to: grami.path)
            localIDs.withLock { $0[index] = localID }
        }
    }
    while next < min(settings.concurrency, settings.jobs) { launch() }
    while try await group.next() != nil {
        if next < settings.jobs { launch() }
    }
}
let submitted = localIDs.withLock { $0.compactMap { $0 } }
guard submitted.count == settings.jobs else { fail("only \(submitted.count) of \(settings.jobs) submissions took") }
// What A-REX does after a successful submit: the id into .local, the job INLRMS.
for (index, id) in gridIDs.enumerated() {
    try write("lrms=arkd\nlocalid=\(submitted[index])\nsessiondir=\(sessionRoot)/\(id)\n", to: control.path(of: .local, job: id))
    try write("INLRMS", to: control.statusFile(job: id))
}
print("\(settings.jobs) jobs submitted in \(format((clock.now - started).seconds)) s")

// Until every job has ended.
started = clock.now
while true {
    let body = try JSONSerialization.data(withJSONObject: ["ids": submitted])
    let reply = try await daemon.send(client, .POST, "/v1/jobs/status", body: Array(body),
                               headers: [("Content-Type", "application/json")])
    guard reply.status == 200, let object = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any],
          let jobs = object["jobs"] as? [[String: Any]]
    else { fail("batch status answered \(reply.status)") }
    let ended = jobs.filter { ["finished", "failed", "killed"].contains($0["state"] as? String ?? "") }
    if ended.count == settings.jobs { break }
    guard ContinuousClock.now < deadline else { fail("only \(ended.count) of \(settings.jobs) jobs ended within --timeout") }
    try await Task.sleep(for: .seconds(1))
}
print("all ended \(format((clock.now - started).seconds)) s later")

// The measurement: one `arkctl arc scan`, as A-REX's helper runs it.
let config = directory + "/arex.cfg"
try write("[lrms]\nlrms = arkd\n\n[custom:arkd]\nserver = \(socket)\n", to: config)
let route = "/v1/jobs/status"
let requestsBefore = try await requestCount(client, daemon, route: route)
let scan = Process()
scan.executableURL = URL(fileURLWithPath: settings.arkctl)
scan.arguments = ["arc", "scan", "--config", config, "--gm-kick", directory + "/no-gm-kick", controlPath]
let log = directory + "/scan.log"
try write("", to: log)
scan.standardError = FileHandle(forWritingAtPath: log)
started = clock.now
try scan.run()
scan.waitUntilExit()
let elapsed = (clock.now - started).seconds
let requests = try await requestCount(client, daemon, route: route) - requestsBefore

let reported = gridIDs.filter { id in
    (FileManager.default.contents(atPath: control.path(of: .lrmsDone, job: id)).map { String(decoding: $0, as: UTF8.self) }
        ?? "").hasPrefix("0 ")
}.count
let logLines = (FileManager.default.contents(atPath: log).map { String(decoding: $0, as: UTF8.self) } ?? "")
    .split(separator: "\n")
try await client.shutdown().get()
let exitStatus = daemon.stop()

print("""
    arkctl arc scan: \(format(elapsed, 3)) s for \(settings.jobs) jobs (limit \(format(settings.limit, 1)) s), \
    exit status \(scan.terminationStatus); POST \(route) requests during the scan: \(requests)
    lrms_done "0 ..." written for \(reported) of \(settings.jobs); \(logLines.count) lines in the helper log\
    \(logLines.first.map { ", e.g. \"\($0)\"" } ?? "")
    arkd exit status after SIGTERM: \(exitStatus)
    """)
if settings.keep { print("kept \(directory)") } else { try? FileManager.default.removeItem(atPath: directory) }
if scan.terminationStatus != 0 || reported != settings.jobs { exit(1) }
if requests != 1 || elapsed > settings.limit { exit(2) }
