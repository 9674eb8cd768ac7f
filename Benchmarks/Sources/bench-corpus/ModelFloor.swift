import JobDescriptions

/// Builds a fresh copy of a parsed job, every string and collection made anew as a reader makes
/// them, so that timing it (and freeing it) measures what the public `JobDescription` model costs
/// by itself: a lower bound for any front-end that returns this model, whatever its parser does.
///
/// `bench-corpus model-floor` checks that each copy equals the parsed job before it times anything,
/// so no field the corpus sets is left out.
enum ModelCopy {
    static func job(_ job: JobDescription) -> JobDescription {
        var copy = JobDescription()
        copy.executable = optional(job.executable)
        copy.arguments = strings(job.arguments)
        copy.stdin = optional(job.stdin)
        copy.stdout = optional(job.stdout)
        copy.stderr = optional(job.stderr)
        copy.join = job.join
        copy.gmlog = optional(job.gmlog)
        copy.jobName = optional(job.jobName)
        copy.queue = optional(job.queue)
        copy.rejectedQueues = strings(job.rejectedQueues)
        copy.count = job.count
        copy.countPerNode = job.countPerNode
        copy.exclusiveExecution = job.exclusiveExecution
        copy.memoryMB = job.memoryMB
        copy.virtualMemoryMB = job.virtualMemoryMB
        copy.diskMB = job.diskMB
        copy.wallTime = job.wallTime
        copy.cpuTime = job.cpuTime
        copy.lifeTime = job.lifeTime
        copy.priority = job.priority
        copy.rerun = job.rerun
        copy.dryRun = job.dryRun
        copy.startTime = job.startTime
        copy.architecture = optional(job.architecture)
        copy.operatingSystem = job.operatingSystem.map(requirement)
        copy.middleware = job.middleware.map(requirement)
        copy.nodeAccess = job.nodeAccess
        copy.benchmark = job.benchmark.map { Benchmark(name: string($0.name), value: $0.value) }
        copy.environment = job.environment.map { EnvironmentVariable(name: string($0.name), value: string($0.value)) }
        copy.runTimeEnvironments = job.runTimeEnvironments.map {
            RuntimeEnvironment(name: string($0.name), version: optional($0.version), options: strings($0.options),
                               relation: $0.relation)
        }
        copy.inputFiles = job.inputFiles.map(inputFile)
        copy.outputFiles = job.outputFiles.map {
            OutputFile(name: string($0.name), targets: $0.targets.map {
                OutputFile.Target(location: location($0.location), useIfSuccess: $0.useIfSuccess,
                                  useIfFailure: $0.useIfFailure, useIfCancel: $0.useIfCancel)
            })
        }
        copy.notifications = job.notifications.map { Notification(recipients: strings($0.recipients), states: $0.states) }
        copy.expectedExitCode = job.expectedExitCode
        copy.preExecutables = job.preExecutables.map(command)
        copy.postExecutables = job.postExecutables.map(command)
        copy.accessControl = optional(job.accessControl)
        copy.credentialService = optional(job.credentialService)
        copy.remoteLogging = strings(job.remoteLogging)
        copy.delegationID = optional(job.delegationID)
        copy.oldIDs = strings(job.oldIDs)
        copy.annotations = strings(job.annotations)
        copy.gridJob = job.gridJob.map {
            GridJobContext(gridID: optional($0.gridID), sessionDirectory: optional($0.sessionDirectory),
                           controlDirectory: optional($0.controlDirectory), localID: optional($0.localID))
        }
        copy.alternatives = job.alternatives.map(Self.job)
        return copy
    }

    private static func inputFile(_ file: InputFile) -> InputFile {
        let source: InputFile.Source
        switch file.source {
        case .submitter(let path): source = .submitter(path: string(path))
        case .remote(let locations): source = .remote(locations.map(location))
        }
        return InputFile(name: string(file.name), source: source, size: file.size, checksum: optional(file.checksum),
                         executable: file.executable)
    }

    private static func location(_ location: DataLocation) -> DataLocation {
        var options: [String: String] = [:]
        if !location.options.isEmpty {
            options = Dictionary(minimumCapacity: location.options.count)
            for (name, value) in location.options { options[string(name)] = string(value) }
        }
        return DataLocation(scheme: string(location.scheme), userInfo: optional(location.userInfo), host: string(location.host),
                            port: location.port, path: string(location.path), options: options,
                            replicas: location.replicas.map(Self.location), delegationID: optional(location.delegationID))
    }

    private static func requirement(_ requirement: VersionRequirement) -> VersionRequirement {
        VersionRequirement(name: string(requirement.name), version: optional(requirement.version), relation: requirement.relation)
    }

    private static func command(_ command: Command) -> Command {
        Command(path: string(command.path), arguments: strings(command.arguments), expectedExitCode: command.expectedExitCode)
    }

    /// A new string with the same UTF-8, made the way the readers make theirs.
    @inline(never)
    private static func string(_ text: String) -> String {
        var text = text
        return text.withUTF8 { String(decoding: $0, as: UTF8.self) }
    }

    private static func optional(_ text: String?) -> String? {
        text.map { string($0) }
    }

    private static func strings(_ texts: [String]) -> [String] {
        texts.map { string($0) }
    }
}
