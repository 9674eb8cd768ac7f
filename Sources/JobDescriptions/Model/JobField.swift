/// Names a part of a job, so that validation can point back at the text that set it.
public enum JobField: Sendable, Hashable {
    case executable, arguments, stdin, stdout, stderr, join, gmlog, jobName, queue
    case count, countPerNode, exclusiveExecution, memory, virtualMemory, disk
    case wallTime, cpuTime, lifeTime, gridTime, priority, rerun, startTime, dryRun
    case architecture, operatingSystem, middleware, nodeAccess, benchmarks
    case accessControl, credentialService, remoteLogging, delegationID, notify
    case executables, cache, ftpThreads, action
    /// A GRAMI's `joboption_directory`: where A-REX staged the job.
    case sessionDirectory
    case environment(Int)
    case runtimeEnvironment(Int)
    case inputFile(Int)
    case outputFile(Int)
    case preExecutable(Int)
    case postExecutable(Int)
}
