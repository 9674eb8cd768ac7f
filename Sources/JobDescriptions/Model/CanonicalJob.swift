/// The job as `arkctl parse --format json` and the API print it (the shared job-json format):
/// flat, stable field names, fixed units, URLs in ARC's printed form.
public struct CanonicalJob: Sendable, Hashable, Encodable {
    public struct File: Sendable, Hashable, Encodable {
        public var name: String
        public var source: String
        public var sources: [String]
        public var size: Int64?
        public var checksum: String?
        public var executable: Bool

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(source, forKey: .source)
            try container.encode(sources, forKey: .sources)
            try container.encode(size, forKey: .size)
            try container.encode(checksum, forKey: .checksum)
            try container.encode(executable, forKey: .executable)
        }

        enum CodingKeys: String, CodingKey { case name, source, sources, size, checksum, executable }
    }

    public struct Output: Sendable, Hashable, Encodable {
        public var name: String
        public var targets: [String]
    }

    public struct RTE: Sendable, Hashable, Encodable {
        public var name: String
        public var version: String?
        public var options: [String]

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(version, forKey: .version)
            try container.encode(options, forKey: .options)
        }

        enum CodingKeys: String, CodingKey { case name, version, options }
    }

    public var job: JobDescription

    public init(_ job: JobDescription) {
        self.job = job
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(job.executable, forKey: .executable)
        try container.encode(job.arguments, forKey: .arguments)
        try container.encode(job.stdin, forKey: .stdin)
        try container.encode(job.stdout, forKey: .stdout)
        try container.encode(job.stderr, forKey: .stderr)
        try container.encode(job.join, forKey: .join)
        try container.encode(job.gmlog, forKey: .gmlog)
        try container.encode(job.jobName, forKey: .jobName)
        try container.encode(job.queue, forKey: .queue)
        try container.encode(job.count, forKey: .count)
        try container.encode(job.countPerNode, forKey: .countPerNode)
        try container.encode(job.memoryMB, forKey: .memoryMB)
        try container.encode(job.diskMB, forKey: .diskMB)
        try container.encode(job.wallTime, forKey: .wallTime)
        try container.encode(job.cpuTime, forKey: .cpuTime)
        try container.encode(job.lifeTime, forKey: .lifeTime)
        try container.encode(job.priority, forKey: .priority)
        try container.encode(job.environment.map { [$0.name, $0.value] }, forKey: .environment)
        try container.encode(
            job.runTimeEnvironments.map { RTE(name: $0.name, version: $0.version, options: $0.options) },
            forKey: .runTimeEnvironments)
        try container.encode(job.inputFiles.map(Self.file), forKey: .inputFiles)
        try container.encode(
            job.outputFiles.map { Output(name: $0.name, targets: $0.targets.map(\.location.description)) },
            forKey: .outputFiles)
        if !job.alternatives.isEmpty {
            try container.encode(job.alternatives.map(CanonicalJob.init), forKey: .alternatives)
        }
    }

    static func file(_ input: InputFile) -> File {
        let sources: [String]
        switch input.source {
        case .submitter(let path): sources = [LocationText.render(localPath: path)]
        case .remote(let locations): sources = locations.map(\.description)
        }
        return File(name: input.name, source: sources.first ?? "", sources: sources, size: input.size,
                    checksum: input.checksum, executable: input.executable)
    }

    enum CodingKeys: String, CodingKey {
        case executable, arguments, stdin, stdout, stderr, join, gmlog, jobName, queue, count, countPerNode, memoryMB
        case diskMB, wallTime, cpuTime, lifeTime, priority, environment, runTimeEnvironments, inputFiles, outputFiles
        case alternatives
    }
}
