import JobDescriptions

/// A few readable lines about a job, for people checking what arkd understood.
struct JobSummary {
    let lines: [String]

    init(_ job: JobDescription) {
        var lines: [String] = []
        let command = ([job.executable ?? "(no executable)"] + job.arguments.map(Self.quoted)).joined(separator: " ")
        lines.append(job.jobName.map { "\"\($0)\" " } .map { $0 + command } ?? command)
        var streams: [String] = []
        if let stdin = job.stdin { streams.append("stdin \(stdin)") }
        if let stdout = job.stdout { streams.append("stdout \(stdout)") }
        if let stderr = job.stderr { streams.append(job.join ? "stderr joined to stdout" : "stderr \(stderr)") }
        if !streams.isEmpty { lines.append(streams.joined(separator: ", ")) }
        var resources: [String] = []
        if let queue = job.queue { resources.append("queue \(queue)") }
        if let count = job.count { resources.append("\(count) slot\(count == 1 ? "" : "s")") }
        if let memory = job.memoryMB { resources.append("\(memory) MiB per slot") }
        if let disk = job.diskMB { resources.append("\(disk) MiB disk") }
        if let wall = job.wallTime { resources.append("walltime \(Self.duration(wall))") }
        if let cpu = job.cpuTime { resources.append("cputime \(Self.duration(cpu))") }
        if !resources.isEmpty { lines.append(resources.joined(separator: ", ")) }
        for rte in job.runTimeEnvironments {
            lines.append("runtime environment \(rte.name)\(rte.version.map { " \($0)" } ?? "")"
                         + (rte.options.isEmpty ? "" : " " + rte.options.map(Self.quoted).joined(separator: " ")))
        }
        for variable in job.environment { lines.append("env \(variable.name)=\(variable.value)") }
        for file in job.inputFiles {
            let source: String
            switch file.source {
            case .submitter(let path): source = path.isEmpty ? "uploaded by the submitter" : "uploaded from \(path)"
            case .remote(let locations): source = locations.map(\.description).joined(separator: " or ")
            }
            lines.append("in  \(file.name)\(file.executable ? " (executable)" : "") <- \(source)")
        }
        for file in job.outputFiles {
            let target = file.targets.isEmpty ? "kept in the session directory" : file.targets.map(\.location.description).joined(separator: ", ")
            lines.append("out \(file.name) -> \(target)")
        }
        if !job.alternatives.isEmpty { lines.append("\(job.alternatives.count) alternative(s) from '|'") }
        self.lines = lines
    }

    private static func quoted(_ text: String) -> String {
        text.contains(where: { $0 == " " || $0 == "\"" }) || text.isEmpty ? "\"\(text)\"" : text
    }

    private static func duration(_ seconds: Int) -> String {
        if seconds % 3600 == 0 { return "\(seconds / 3600)h" }
        if seconds % 60 == 0 { return "\(seconds / 60)min" }
        return "\(seconds)s"
    }
}
