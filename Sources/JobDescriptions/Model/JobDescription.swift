import Foundation

/// One grid job, whatever language it was written in (xRSL, ADL or A-REX's GRAMI).
///
/// Units are fixed here so that no later stage has to know which dialect a number came from:
/// times are seconds, memory and disk are MiB, counts are slots.
public struct JobDescription: Sendable, Hashable, Codable {
    public var executable: String?
    public var arguments: [String] = []
    public var stdin: String?
    public var stdout: String?
    public var stderr: String?
    /// stdout and stderr go to one file; `stderr` already equals `stdout` when this is set.
    public var join: Bool = false
    /// Session sub-directory for the CE's per-job diagnostics.
    public var gmlog: String?
    public var jobName: String?
    public var queue: String?
    /// Queues the job must not run in (xRSL `queue!=`).
    public var rejectedQueues: [String] = []
    /// Total slots (cores).
    public var count: Int?
    public var countPerNode: Int?
    public var exclusiveExecution: Bool?
    /// Physical memory per slot, MiB.
    public var memoryMB: Int?
    public var virtualMemoryMB: Int?
    public var diskMB: Int?
    /// Wall-clock limit, seconds.
    public var wallTime: Int?
    /// CPU time over all slots, seconds.
    public var cpuTime: Int?
    /// How long the session directory is kept after the job ends, seconds.
    public var lifeTime: Int?
    public var priority: Int?
    /// How often the site may restart the job after a failure that was not the payload's.
    public var rerun: Int?
    public var dryRun: Bool = false
    /// Do not start before this instant.
    public var startTime: Date?
    public var architecture: String?
    public var operatingSystem: VersionRequirement?
    public var middleware: [VersionRequirement] = []
    public var nodeAccess: NodeAccess?
    public var benchmark: Benchmark?
    public var environment: [EnvironmentVariable] = []
    public var runTimeEnvironments: [RuntimeEnvironment] = []
    public var inputFiles: [InputFile] = []
    public var outputFiles: [OutputFile] = []
    public var notifications: [Notification] = []
    /// The exit code that counts as success (ADL `FailIfExitCodeNotEqualTo`); nil means any code is
    /// reported as it is.
    public var expectedExitCode: Int?
    public var preExecutables: [Command] = []
    public var postExecutables: [Command] = []
    public var accessControl: String?
    public var credentialService: String?
    public var remoteLogging: [String] = []
    public var delegationID: String?
    /// Earlier incarnations of this job (ADL `ActivityOldID`).
    public var oldIDs: [String] = []
    public var annotations: [String] = []
    /// Present when the job came from A-REX (GRAMI): the CE already owns its session directory.
    public var gridJob: GridJobContext?
    /// Further `|` branches of an xRSL description, which a broker may fall back to.
    public var alternatives: [JobDescription] = []

    public init() {}
}
