import Foundation
import JobDescriptions
import Logging

/// A site's whole configuration, as an operator writes it in one YAML file (`arkd serve --config`).
///
/// Every field has a default that works on a single machine with the local executor, so an
/// empty file is a valid configuration; a site adds only what differs.
public struct SiteConfiguration: Sendable, Hashable {
    /// Which executor runs payloads.
    public enum ExecutorKind: String, Sendable, Hashable, Codable, CaseIterable {
        case local
        case kubernetes
    }

    public var stateDirectory: String
    /// `nil`: `<stateDirectory>/sessions`.
    public var sessionRoot: String?
    public var executor: ExecutorKind
    /// Payloads running at once; `nil` keeps the engine's default (twice the processor count).
    public var maxRunningJobs: Int?
    /// URL schemes a description may name for its inputs and outputs.
    public var allowedSchemes: [String]
    /// Directories `file://` inputs may come from; empty refuses every `file://` input.
    public var allowedFileRoots: [String]
    /// A-REX's session roots: the directories below which a GRAMI submission's own session
    /// directory may lie. Empty refuses every description that names its own session directory.
    public var gridSessionRoots: [String]
    public var kubernetes: KubernetesSettings
    /// The queue for descriptions that name none.
    public var defaultQueue: String
    public var queues: [String: QueuePolicy]
    /// The daemon's listeners, tokens and request limits.
    public var server: ServerSettings
    /// How much the daemon logs.
    public var logLevel: Logger.Level

    public init(stateDirectory: String = EngineConfiguration.defaultStateDirectory, sessionRoot: String? = nil,
                executor: ExecutorKind = .local, maxRunningJobs: Int? = nil,
                allowedSchemes: [String] = ["http", "https", "file"], allowedFileRoots: [String] = [],
                gridSessionRoots: [String] = [], kubernetes: KubernetesSettings = KubernetesSettings(), defaultQueue: String = "default",
                queues: [String: QueuePolicy] = ["default": QueuePolicy()], server: ServerSettings = ServerSettings(),
                logLevel: Logger.Level = .info) {
        self.stateDirectory = stateDirectory
        self.sessionRoot = sessionRoot
        self.executor = executor
        self.maxRunningJobs = maxRunningJobs
        self.allowedSchemes = allowedSchemes
        self.allowedFileRoots = allowedFileRoots
        self.gridSessionRoots = gridSessionRoots
        self.kubernetes = kubernetes
        self.defaultQueue = defaultQueue
        self.queues = queues
        self.server = server
        self.logLevel = logLevel
    }

    /// The queue a job runs in: the one it names, or the default queue.
    public func queue(named name: String?) -> (name: String, policy: QueuePolicy)? {
        let chosen = name.flatMap { $0.isEmpty ? nil : $0 } ?? defaultQueue
        return queues[chosen].map { (chosen, $0) }
    }

    /// What the engine needs from this configuration.
    public var engineConfiguration: EngineConfiguration {
        var configuration = EngineConfiguration(stateDirectory: stateDirectory, sessionRoot: sessionRoot,
                                                policy: ValidationPolicy(allowedSchemes: Set(allowedSchemes),
                                                                         allowedSessionRoots: gridSessionRoots))
        if let maxRunningJobs { configuration.maxRunningJobs = maxRunningJobs }
        configuration.queues = queues
        configuration.defaultQueue = defaultQueue
        return configuration
    }
}
