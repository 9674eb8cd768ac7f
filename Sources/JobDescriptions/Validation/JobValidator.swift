/// Site policy over a parsed job: what ARC would accept but a site must not run (shared xRSL spec
/// §8). Kept apart from parsing so the engine can re-check stored jobs against a changed policy.
public struct JobValidator: Sendable {
    public var policy: ValidationPolicy
    public var limits: ParseLimits

    public init(policy: ValidationPolicy = .standard, limits: ParseLimits = .standard) {
        self.policy = policy
        self.limits = limits
    }

    public func check(_ job: JobDescription, sourceMap: SourceMap) -> [Diagnostic] {
        var log = DiagnosticLog()
        checkQuantities(job, sourceMap, &log)
        checkNames(job, sourceMap, &log)
        checkLocations(job, sourceMap, &log)
        warnAboutUnusedAttributes(job, sourceMap, &log)
        return log.entries
    }

    private func checkQuantities(_ job: JobDescription, _ map: SourceMap, _ log: inout DiagnosticLog) {
        let positives: [(Int?, JobField, String, String)] = [
            (job.count, .count, "count", "slots"), (job.countPerNode, .countPerNode, "countpernode", "slots"),
            (job.memoryMB, .memory, "memory", "MiB"), (job.virtualMemoryMB, .virtualMemory, "virtual memory", "MiB"),
            (job.diskMB, .disk, "disk", "MiB"), (job.wallTime, .wallTime, "walltime", "seconds"),
            (job.cpuTime, .cpuTime, "cputime", "seconds"), (job.lifeTime, .lifeTime, "lifetime", "seconds"),
        ]
        for (value, field, name, unit) in positives {
            if let value, value <= 0 {
                log.error("\(name) must be a positive number of \(unit), found \(value)", at: map.position(of: field))
            }
        }
        if let priority = job.priority, !(0...100).contains(priority) {
            log.error("priority must be from 0 to 100, found \(priority)", at: map.position(of: .priority))
        }
        if let rerun = job.rerun, rerun < 0 {
            log.error("rerun must not be negative, found \(rerun)", at: map.position(of: .rerun))
        }
        if job.inputFiles.count + job.outputFiles.count > limits.maxFiles {
            log.error("the job names \(job.inputFiles.count + job.outputFiles.count) files; at most \(limits.maxFiles) are allowed",
                      at: map.position(of: .inputFile(0)))
        }
    }

    private func checkNames(_ job: JobDescription, _ map: SourceMap, _ log: inout DiagnosticLog) {
        func confine(_ name: String?, _ what: String, _ field: JobField, wholeDirectory: Bool = false) {
            guard let name, let problem = SessionPath.problem(with: name, allowWholeDirectory: wholeDirectory) else { return }
            log.error("\(what) '\(name)' \(problem)", at: map.position(of: field))
        }
        if let executable = job.executable, !executable.hasPrefix("/"), !executable.hasPrefix("$") {
            confine(executable, "executable", .executable)
        }
        confine(job.stdin, "stdin", .stdin)
        confine(job.stdout, "stdout", .stdout)
        confine(job.stderr, "stderr", .stderr)
        confine(job.gmlog, "gmlog", .gmlog)
        var seen: [String: Int] = [:]
        for (index, file) in job.inputFiles.enumerated() {
            confine(file.name, "input file", .inputFile(index))
            let key = SessionPath.normalized(file.name)
            if let first = seen[key] {
                let firstPosition = map.position(of: .inputFile(first))
                log.error("input file '\(file.name)' is listed twice (first at \(firstPosition.line):\(firstPosition.column)); one name can have one source",
                          at: map.position(of: .inputFile(index)))
            } else {
                seen[key] = index
            }
        }
        for (index, file) in job.outputFiles.enumerated() {
            let name = file.name.hasPrefix("@") ? String(file.name.dropFirst()) : file.name
            confine(name, "output file", .outputFile(index), wholeDirectory: !file.name.hasPrefix("@"))
        }
    }

    private func checkLocations(_ job: JobDescription, _ map: SourceMap, _ log: inout DiagnosticLog) {
        for (index, file) in job.inputFiles.enumerated() {
            guard case .remote(let locations) = file.source else { continue }
            for location in locations { check(location, "input file '\(file.name)'", map.position(of: .inputFile(index)), &log) }
        }
        for (index, file) in job.outputFiles.enumerated() {
            for target in file.targets {
                check(target.location, "output file '\(file.name)'", map.position(of: .outputFile(index)), &log)
            }
        }
    }

    private func check(_ location: DataLocation, _ owner: String, _ position: SourcePosition, _ log: inout DiagnosticLog) {
        if !policy.allowedSchemes.contains(location.scheme) {
            log.error("\(owner): URL scheme '\(location.scheme)' is not allowed here; allowed: \(policy.allowedSchemes.sorted().joined(separator: ", "))",
                      at: position)
        }
        if location.userInfo != nil {
            log.error("\(owner): the URL carries credentials; use a delegated credential instead", at: position)
        }
        if location.host.isEmpty, location.replicas.isEmpty {
            log.error("\(owner): the URL '\(location)' names no host", at: position)
        }
        for replica in location.replicas { check(replica, owner, position, &log) }
    }

    private func warnAboutUnusedAttributes(_ job: JobDescription, _ map: SourceMap, _ log: inout DiagnosticLog) {
        let unused: [(Bool, JobField, String)] = [
            (job.operatingSystem != nil, .operatingSystem, "'opsys' is not used: the container image decides the operating system"),
            (!job.middleware.isEmpty, .middleware, "'middleware' is not used on Kubernetes"),
            (job.nodeAccess != nil, .nodeAccess, "'nodeaccess' is not used: the cluster's network policy decides"),
            (job.credentialService != nil, .credentialService, "'credentialserver' is not used by arkd"),
            (!job.remoteLogging.isEmpty, .remoteLogging, "'jobreport' is not used by arkd"),
            (!job.notifications.isEmpty, .notify, "'notify' is not used: arkd sends no e-mail"),
            (job.accessControl != nil, .accessControl, "'acl' is not used by arkd"),
        ]
        for (present, field, message) in unused where present {
            log.warning(message, at: map.position(of: field))
        }
        if let perNode = job.countPerNode, let count = job.count, perNode < count {
            log.warning("countpernode \(perNode) below count \(count) asks for several nodes; a pod runs on one node",
                        at: map.position(of: .countPerNode))
        }
    }
}
