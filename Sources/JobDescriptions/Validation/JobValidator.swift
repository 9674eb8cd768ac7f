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
        func positive(_ value: Int?, _ field: JobField, _ name: String, _ unit: String) {
            if let value, value <= 0 {
                log.error("\(name) must be a positive number of \(unit), found \(value)", at: map.position(of: field))
            }
        }
        positive(job.count, .count, "count", "slots")
        positive(job.countPerNode, .countPerNode, "countpernode", "slots")
        positive(job.memoryMB, .memory, "memory", "MiB")
        positive(job.virtualMemoryMB, .virtualMemory, "virtual memory", "MiB")
        positive(job.diskMB, .disk, "disk", "MiB")
        positive(job.wallTime, .wallTime, "walltime", "seconds")
        positive(job.cpuTime, .cpuTime, "cputime", "seconds")
        positive(job.lifeTime, .lifeTime, "lifetime", "seconds")
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
        if let executable = job.executable, !executable.startsWith(ascii: UInt8(ascii: "/")),
           !executable.startsWith(ascii: UInt8(ascii: "$")) {
            confine(executable, "executable", .executable)
        }
        confine(job.stdin, "stdin", .stdin)
        confine(job.stdout, "stdout", .stdout)
        confine(job.stderr, "stderr", .stderr)
        confine(job.gmlog, "gmlog", .gmlog)
        var seen = SeenNames(expected: job.inputFiles.count)
        for (index, file) in job.inputFiles.enumerated() {
            confine(file.name, "input file", .inputFile(index))
            let key = SessionPath.normalized(file.name)
            if let first = seen.insert(key, index) {
                let firstPosition = map.position(of: .inputFile(first))
                log.error("input file '\(file.name)' is listed twice (first at \(firstPosition.line):\(firstPosition.column)); one name can have one source",
                          at: map.position(of: .inputFile(index)))
            }
        }
        for (index, file) in job.outputFiles.enumerated() {
            let list = file.name.startsWith(ascii: UInt8(ascii: "@"))
            let name = list ? String(file.name.dropFirst()) : file.name
            confine(name, "output file", .outputFile(index), wholeDirectory: !list)
        }
    }

    private func checkLocations(_ job: JobDescription, _ map: SourceMap, _ log: inout DiagnosticLog) {
        for (index, file) in job.inputFiles.enumerated() {
            guard case .remote(let locations) = file.source else { continue }
            for location in locations {
                check(location, "input file", file.name, map.position(of: .inputFile(index)), &log)
            }
        }
        for (index, file) in job.outputFiles.enumerated() {
            for target in file.targets {
                check(target.location, "output file", file.name, map.position(of: .outputFile(index)), &log)
            }
        }
    }

    /// `what` and `name` name the file in messages: "input file 'a.txt'".
    private func check(_ location: DataLocation, _ what: String, _ name: String, _ position: SourcePosition,
                       _ log: inout DiagnosticLog) {
        if !policy.allowedSchemes.contains(location.scheme) {
            log.error("\(what) '\(name)': URL scheme '\(location.scheme)' is not allowed here; allowed: \(policy.allowedSchemes.sorted().joined(separator: ", "))",
                      at: position)
        }
        if location.userInfo != nil {
            log.error("\(what) '\(name)': the URL carries credentials; use a delegated credential instead", at: position)
        }
        if location.host.isEmpty, location.replicas.isEmpty {
            log.error("\(what) '\(name)': the URL '\(location)' names no host", at: position)
        }
        for replica in location.replicas { check(replica, what, name, position, &log) }
    }

    private func warnAboutUnusedAttributes(_ job: JobDescription, _ map: SourceMap, _ log: inout DiagnosticLog) {
        func warn(_ present: Bool, _ field: JobField, _ message: String) {
            if present { log.warning(message, at: map.position(of: field)) }
        }
        warn(job.operatingSystem != nil, .operatingSystem, "'opsys' is not used: the container image decides the operating system")
        warn(!job.middleware.isEmpty, .middleware, "'middleware' is not used on Kubernetes")
        warn(job.nodeAccess != nil, .nodeAccess, "'nodeaccess' is not used: the cluster's network policy decides")
        warn(job.credentialService != nil, .credentialService, "'credentialserver' is not used by arkd")
        warn(!job.remoteLogging.isEmpty, .remoteLogging, "'jobreport' is not used by arkd")
        warn(!job.notifications.isEmpty, .notify, "'notify' is not used: arkd sends no e-mail")
        warn(job.accessControl != nil, .accessControl, "'acl' is not used by arkd")
        if let perNode = job.countPerNode, let count = job.count, perNode < count {
            log.warning("countpernode \(perNode) below count \(count) asks for several nodes; a pod runs on one node",
                        at: map.position(of: .countPerNode))
        }
    }
}

/// Normalised input names seen so far, with the index of the file that used each first: a list
/// for the usual handful, a dictionary for many. Both compare names as `String`s; in the list, a
/// hash of the bytes of plain names (see `PlainText`) rules most pairs out without comparing.
private struct SeenNames {
    private var list: [(name: String, plainHash: UInt64?, index: Int)] = []
    private var dictionary: [String: Int]?

    init(expected: Int) {
        if expected > 16 { dictionary = Dictionary(minimumCapacity: expected) } else { list.reserveCapacity(expected) }
    }

    /// The index that first used `name`, or nil after recording `index` for it.
    mutating func insert(_ name: String, _ index: Int) -> Int? {
        if dictionary != nil {
            if let first = dictionary?[name] { return first }
            dictionary?[name] = index
            return nil
        }
        let hash: UInt64? = PlainText.withBytes(name) { bytes in
            guard PlainText.isPlain(bytes) else { return nil }
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            return hash
        }
        for entry in list {
            // Two plain names are equal strings exactly when their bytes are.
            if let hash, let other = entry.plainHash, hash != other { continue }
            if entry.name == name { return entry.index }
        }
        list.append((name, hash, index))
        return nil
    }
}

extension String {
    /// `hasPrefix` of a one-byte ASCII prefix other than CR, without `Character` machinery when the
    /// second byte is ASCII too (then the first byte is a `Character` of its own).
    func startsWith(ascii byte: UInt8) -> Bool {
        let answer: Bool? = PlainText.withBytes(self) { bytes in
            guard let first = bytes.first else { return false }
            guard bytes.count < 2 || bytes[1] < 0x80 else { return nil }
            return first == byte
        }
        return answer ?? hasPrefix(String(UnicodeScalar(byte)))
    }
}
