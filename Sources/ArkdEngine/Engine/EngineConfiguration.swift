import Foundation
import JobDescriptions

/// Where the engine keeps its record and its jobs' files, and what it accepts.
public struct EngineConfiguration: Sendable {
    /// Holds the job store (`jobs.sqlite`) and executor runtime files.
    public var stateDirectory: String
    /// Each job gets `<sessionRoot>/<jobID>/` as its working directory.
    public var sessionRoot: String
    public var parseLimits: ParseLimits = .standard
    public var policy: ValidationPolicy
    /// Owner recorded for jobs submitted without one.
    public var defaultOwner: String
    /// Payloads running at once (processes for the local executor, pods for Kubernetes); further
    /// jobs wait in `submitting` until a slot frees.
    public var maxRunningJobs: Int = max(2, ProcessInfo.processInfo.activeProcessorCount * 2)
    /// The site's queues, to refuse at acceptance a job for a queue that does not exist or beyond
    /// its limits; empty (`arkctl run`) takes every job.
    public var queues: [String: QueuePolicy] = [:]
    /// The queue of a job that names none.
    public var defaultQueue: String = "default"
    /// Pause before retrying an executor step that failed for a transient reason.
    public var retryDelay: Duration = .seconds(2)

    public init(stateDirectory: String, sessionRoot: String? = nil,
                policy: ValidationPolicy = ValidationPolicy(allowedSchemes: ["http", "https", "file"]),
                defaultOwner: String = ProcessInfo.processInfo.environment["USER"] ?? "local") {
        self.stateDirectory = stateDirectory
        self.sessionRoot = sessionRoot ?? stateDirectory + "/sessions"
        self.policy = policy
        self.defaultOwner = defaultOwner
    }

    public var storePath: String { stateDirectory + "/jobs.sqlite" }

    /// The usual place for per-user state when nothing is configured: `$XDG_STATE_HOME/arkd` or
    /// `~/.local/state/arkd`.
    public static var defaultStateDirectory: String {
        let environment = ProcessInfo.processInfo.environment
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty { return state + "/arkd" }
        return (environment["HOME"] ?? NSTemporaryDirectory()) + "/.local/state/arkd"
    }
}
