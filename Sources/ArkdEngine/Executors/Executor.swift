import JobDescriptions

/// Runs payloads somewhere (local processes, Kubernetes pods) for the engine.
///
/// Every method takes the job's stored handle, not in-memory state, so that an engine restarted
/// after a crash can pick up payloads a previous run started (DESIGN §6).
public protocol Executor: Sendable {
    /// Starts the payload and returns its handle. Must not start a second payload for a job whose
    /// payload already exists: it adopts that one instead.
    func submit(_ request: ExecutionRequest) async throws(ExecutorError) -> String

    /// Follows the payload until it stops and says how it ended. `onStart` is called once the
    /// payload is known to run. A payload that vanished without an outcome is reported as
    /// `.failed` with the reason, never with an invented exit code.
    func observe(_ request: ExecutionRequest, handle: String,
                 onStart: @escaping @Sendable () async -> Void) async throws(ExecutorError) -> ExecutionResult

    /// Asks the payload to stop; `observe` then reports how it ended.
    func cancel(_ request: ExecutionRequest, handle: String) async

    /// Frees what the executor keeps for the job once its outcome is stored.
    func release(_ request: ExecutionRequest, handle: String?) async

    /// The machines payloads run on and their whole load, for `GET /v1/info`.
    func nodes() async throws(ExecutorError) -> [NodeCapacity]
}

/// What an executor needs to run one job.
public struct ExecutionRequest: Sendable, Hashable {
    public var jobID: JobID
    public var description: JobDescription
    public var sessionDirectory: String

    public init(jobID: JobID, description: JobDescription, sessionDirectory: String) {
        self.jobID = jobID
        self.description = description
        self.sessionDirectory = sessionDirectory
    }
}

/// How a payload ended and what it used.
public struct ExecutionResult: Sendable, Hashable {
    public var outcome: JobOutcome
    public var accounting: Accounting

    public init(outcome: JobOutcome, accounting: Accounting) {
        self.outcome = outcome
        self.accounting = accounting
    }
}

/// Why an executor could not do what was asked; `isTransient` problems are retried, the rest fail
/// the job with `description` as its reason.
public struct ExecutorError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
    public var isTransient: Bool

    public init(_ description: String, isTransient: Bool = false) {
        self.description = description
        self.isTransient = isTransient
    }
}
