import Foundation
import JobDescriptions
import Logging
import Staging
import Synchronization

/// The heart of arkd: accepts descriptions, and drives every job through staging, execution and
/// stage-out, persisting each step before acting on it, so a restart resumes where it stopped.
public final class Engine: Sendable {
    public let configuration: EngineConfiguration
    public let store: JobStore
    let executor: any Executor
    let staging: any JobStaging
    let logger: Logger
    let updates = JobUpdateBroadcaster()
    let cancelSignals = CancelSignals()
    /// Payloads running at once; the rest wait in `submitting`, as in a batch system's queue.
    let runSlots: RunSlots
    private let wakeups: AsyncStream<JobID>
    private let wake: AsyncStream<JobID>.Continuation
    private let activeDrivers = Mutex<Set<JobID>>([])
    private let running = Mutex<Bool>(false)

    public init(configuration: EngineConfiguration, executor: any Executor, staging: any JobStaging,
                logger: Logger = Logger(label: "arkd.engine")) throws {
        try FileManager.default.createDirectory(atPath: configuration.stateDirectory, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: configuration.sessionRoot, withIntermediateDirectories: true)
        self.configuration = configuration
        self.store = try JobStore(path: configuration.storePath)
        self.executor = executor
        self.staging = staging
        self.logger = logger
        let (wakeups, wake) = AsyncStream<JobID>.makeStream()
        (self.wakeups, self.wake) = (wakeups, wake)
        self.runSlots = RunSlots(limit: configuration.maxRunningJobs) { id in wake.yield(id) }
    }

    // MARK: Accepting jobs

    /// Parses, validates and stores the description's jobs. Nothing is stored when any part is
    /// rejected; a job's id exists only once it is committed.
    public func submit(_ submission: JobSubmission) async throws -> [JobRecord] {
        try await accept(submission).map(\.job)
    }

    /// `submit`, telling for each job whether this call stored it or a repeated client key found
    /// it, so an API can answer 201 or 200.
    public func accept(_ submission: JobSubmission) async throws -> [JobStore.Submission] {
        var parser = JobDescriptionParser(dialect: submission.dialect, limits: configuration.parseLimits,
                                          policy: configuration.policy)
        parser.dialect = submission.dialect
        let report = parser.analyse(submission.text)
        guard report.isAccepted, let language = report.language else {
            throw DescriptionRejection(diagnostics: report.diagnostics)
        }
        try Self.checkUploads(submission, jobs: report.jobs)
        try checkQueues(report.jobs)
        let text = String(decoding: submission.text, as: UTF8.self)
        var submissions: [JobStore.Submission] = []
        for (index, parsed) in report.jobs.enumerated() {
            let id = JobID.random()
            let key = submission.clientKey.map { report.jobs.count > 1 ? "\($0)#\(index)" : $0 }
            let session = parsed.job.gridJob?.sessionDirectory ?? configuration.sessionRoot + "/" + id.rawValue
            let uploads = submission.uploads.isEmpty ? submission.uploadDirectory
                : try writeUploads(submission.uploads, for: id)
            let record = JobRecord(
                id: id, clientKey: key, owner: submission.owner ?? configuration.defaultOwner, queue: parsed.job.queue,
                language: language, description: parsed.job, descriptionText: text, sessionDirectory: session,
                uploadDirectory: uploads, now: Date())
            let stored: JobStore.Submission
            do {
                stored = try await store.submit(record)
            } catch {
                discardUploads(of: record)
                throw error
            }
            if !stored.created { discardUploads(of: record) }
            submissions.append(stored)
            if stored.created {
                logger.info("job accepted", metadata: ["job.id": "\(id)", "job.owner": "\(record.owner)"])
                updates.publish(.state(stored.job))
                wake.yield(id)
            }
        }
        return submissions
    }

    /// Every job must name a queue of the site (or none: the default queue) and stay within its
    /// limits; nothing is stored otherwise.
    private func checkQueues(_ jobs: [ParsedJob]) throws(SubmissionRefusal) {
        guard !configuration.queues.isEmpty else { return }
        for parsed in jobs {
            let name = parsed.job.queue.flatMap { $0.isEmpty ? nil : $0 } ?? configuration.defaultQueue
            guard let policy = configuration.queues[name] else {
                throw SubmissionRefusal("queue '\(name)' does not exist at this site (queues: "
                                        + configuration.queues.keys.sorted().joined(separator: ", ") + ")",
                                        code: "unknown_queue")
            }
            do {
                _ = try policy.demand(of: parsed.job, queue: name)
            } catch {
                throw SubmissionRefusal(error.description, code: "queue_limit")
            }
        }
    }

    /// Asks a job to stop. Returns the job as it stands after the request.
    public func cancel(_ id: JobID) async throws -> JobRecord {
        let applied = try await store.apply(.cancel, to: id)
        if case .reject(let reason) = applied.action { throw CancelRefusal(jobID: id, reason: reason) }
        updates.publish(.state(applied.job))
        switch applied.action {
        case .kill:
            if let handle = applied.job.executorHandle {
                await executor.cancel(request(for: applied.job), handle: handle)
            }
        case .release:
            cancelSignals.fire(id)
        default:
            break
        }
        return applied.job
    }

    /// The machines payloads run on and their whole load (see `Executor.nodes()`).
    public func nodes() async throws(ExecutorError) -> [NodeCapacity] {
        try await executor.nodes()
    }

    /// A stream of every job's state changes and staging progress, from now on.
    public func watch() -> AsyncStream<JobUpdate> {
        updates.subscribe()
    }

    // MARK: Running

    /// Resumes every unfinished job, then drives new ones as they arrive, until the task is
    /// cancelled (graceful shutdown). Jobs left running are resumed by the next start.
    public func run() async throws {
        running.withLock { $0 = true }
        defer { running.withLock { $0 = false } }
        let unfinished = try await store.unfinishedJobs()
        if !unfinished.isEmpty { logger.info("resuming unfinished jobs", metadata: ["jobs.count": "\(unfinished.count)"]) }
        await withDiscardingTaskGroup { group in
            for record in unfinished {
                group.addTask { await self.drive(record.id) }
            }
            for await id in wakeups {
                group.addTask { await self.drive(id) }
            }
        }
    }

    /// Whether `run` is driving jobs, for readiness checks: accepted jobs wait while it is not.
    public var isRunning: Bool {
        running.withLock { $0 }
    }

    /// Stops accepting wake-ups so `run` returns once its drivers have.
    public func shutdown() {
        wake.finish()
        updates.finish()
    }

    func request(for record: JobRecord) -> ExecutionRequest {
        ExecutionRequest(jobID: record.id, description: record.description, sessionDirectory: record.sessionDirectory)
    }

    /// Claims the right to drive a job, so a wake-up and a resume never drive it twice at once.
    func claim(_ id: JobID) -> Bool {
        activeDrivers.withLock { $0.insert(id).inserted }
    }

    func unclaim(_ id: JobID) {
        activeDrivers.withLock { _ = $0.remove(id) }
    }
}

/// A cancel that came too late (the job already stopped running) or for an unknown job.
public struct CancelRefusal: Error, Sendable, CustomStringConvertible {
    public var jobID: JobID
    public var reason: String

    public var description: String { "cannot cancel job \(jobID): \(reason)" }
}
