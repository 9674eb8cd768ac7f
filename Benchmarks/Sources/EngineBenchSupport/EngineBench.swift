// Shared by the engine benchmark suite (`swift package benchmark --target EngineBenchmarks`) and
// `engine-ratios`: the job used everywhere, a store filled with 100,000 jobs, the process's
// resident memory, and a bare posix_spawn to compare the local executor with.
import ArkdEngine
import Foundation
import JobDescriptions
import Logging

#if canImport(Glibc)
import Glibc
#endif

public enum EngineBench {
    /// Jobs in the store while store and engine operations are measured.
    public static let storedJobs = 100_000

    /// A small, ordinary user job (about 380 bytes): an uploaded script and an http input, an output
    /// to keep, streams, limits. `Engine.submit` parses, validates and stores it.
    public static let smallXRSL = #"""
        &(executable="run.sh")(arguments="42" "--fast" "input.dat")(jobname="ebench small job")
         (inputfiles=("run.sh" "")("input.dat" "http://data.example.org/sets/input.dat"))
         (outputfiles=("result.out" "")("log.txt" ""))
         (stdout="stdout.txt")(stderr="stderr.txt")
         (walltime=60)(cputime=60)(memory=2000)(count=1)
         (environment=("STEP" "reconstruction")("EVENTS" "1000"))
         (runtimeenvironment="APPS/HEP/ATLAS-SITE")
        """#

    /// The parsed `smallXRSL`; stops the process if arkd rejects it (we would time the error path).
    public static func smallJob() -> JobDescription {
        let parser = JobDescriptionParser(dialect: .user, policy: ValidationPolicy(allowedSchemes: ["http", "https", "file"]))
        let report = parser.analyse(Array(smallXRSL.utf8))
        guard report.isAccepted, let job = report.jobs.first?.job, report.jobs.count == 1 else {
            fatalError("arkd rejects the benchmark job: \(report.diagnostics)")
        }
        return job
    }

    /// A record of `smallJob`, as `Engine.submit` would build it, with a client key as ARC sends one.
    public static func record(_ job: JobDescription, key: String, sessionRoot: String) -> JobRecord {
        let id = JobID.random()
        return JobRecord(id: id, clientKey: key, owner: "ebench", queue: nil, language: .xrsl, description: job,
                         descriptionText: smallXRSL, sessionDirectory: sessionRoot + "/" + id.rawValue,
                         uploadDirectory: nil, now: Date())
    }

    /// Adds `count` accepted jobs to `store`, `batch` per transaction with `JobStore.submit(contentsOf:)`,
    /// keyed `<keyPrefix>-<n>`. Returns their ids if asked.
    @discardableResult
    public static func populate(_ store: JobStore, count: Int = storedJobs, keyPrefix: String = "fill",
                                sessionRoot: String = "/nonexistent/sessions", batch: Int = 2_000,
                                returningIDs: Bool = false) async throws -> [JobID] {
        let job = smallJob()
        var ids: [JobID] = []
        var next = 0
        while next < count {
            let end = min(count, next + batch)
            let records = (next..<end).map { record(job, key: "\(keyPrefix)-\($0)", sessionRoot: sessionRoot) }
            let submissions = try await store.submit(contentsOf: records)
            precondition(submissions.allSatisfy(\.created), "a fill key was already in the store")
            if returningIDs { ids += records.map(\.id) }
            next = end
        }
        return ids
    }

    /// A fresh directory under the system's temporary directory.
    public static func temporaryDirectory(_ label: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("arkd-\(label)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Resident memory of this process now, in bytes (`/proc/self/statm`).
    public static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * sysconf(Int32(_SC_PAGESIZE))
    }

    /// An engine on `stateDirectory` (whose `jobs.sqlite` may already hold jobs) with the local
    /// executor, no staging and a silent logger; it is never run, so it only accepts jobs.
    public static func acceptingEngine(stateDirectory: String) throws -> Engine {
        let configuration = EngineConfiguration(stateDirectory: stateDirectory)
        var logger = Logger(label: "arkd.ebench")
        logger.logLevel = .critical
        let executor = try LocalExecutor(
            configuration: LocalExecutor.Configuration(runtimeDirectory: stateDirectory + "/local"))
        return try Engine(configuration: configuration, executor: executor, staging: NoStaging(), logger: logger)
    }

    /// The six events that take an accepted job to `finished`, in order.
    public static let lifecycle: [JobEvent] = [
        .prepare, .stagedIn, .submitted, .started, .completed(.exited(exitCode: 0)), .stagedOut,
    ]
}

/// Applies the lifecycle events to a list of accepted jobs in order (all six to the first job, then
/// the next), one `JobStore.apply` per call, as the engine's drivers do.
public final class TransitionCursor: @unchecked Sendable {
    private let ids: [JobID]
    private var job = 0
    private var step = 0

    public init(ids: [JobID]) {
        self.ids = ids
    }

    public func applyNext(on store: JobStore) async throws {
        precondition(job < ids.count, "ran out of accepted jobs for transitions")
        let event = EngineBench.lifecycle[step]
        let applied = try await store.apply(event, to: ids[job]) { record in
            if case .submitted = event { record.executorHandle = "local:4242:123456" }
        }
        if case .reject(let reason) = applied.action { fatalError("transition rejected: \(reason)") }
        step += 1
        if step == EngineBench.lifecycle.count {
            step = 0
            job += 1
        }
    }
}

/// Accepts every job and moves nothing: for an engine that only takes submissions.
public struct NoStaging: JobStaging {
    public init() {}
    public func stageIn(_ job: JobRecord, progress: @escaping @Sendable (TransferProgress) -> Void) async throws(StagingFailure) {}
    public func stageOut(_ job: JobRecord, progress: @escaping @Sendable (TransferProgress) -> Void) async throws(StagingFailure) {}
}
