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
        findings(job, sourceMap)
    }

    /// `check` of a job that the caller keeps in place (in an array's buffer). `inout` only so
    /// that the job and its map are passed by address: neither is changed. Passed by value, they
    /// were copied first (a retain and a release for each of their strings and arrays), as the
    /// compiler cannot tell that nothing changes them during the call.
    func check(inPlace job: inout JobDescription, sourceMap: inout SourceMap) -> [Diagnostic] {
        findings(job, sourceMap)
    }

    private func findings(_ job: JobDescription, _ sourceMap: SourceMap) -> [Diagnostic] {
        var log = DiagnosticLog()
        checkQuantities(job, sourceMap, &log)
        checkNames(job, sourceMap, &log)
        checkSessionDirectory(job, sourceMap, &log)
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
        job.inputFiles.withUnsafeBufferPointer { files in
            for index in files.indices {
                let name = files[index].name
                let (problem, key, hash) = SessionPath.inspectInputName(name)
                if let problem { log.error("input file '\(name)' \(problem)", at: map.position(of: .inputFile(index))) }
                if let first = seen.insert(key, hash, index) {
                    let firstPosition = map.position(of: .inputFile(first))
                    log.error("input file '\(name)' is listed twice (first at \(firstPosition.line):\(firstPosition.column)); one name can have one source",
                              at: map.position(of: .inputFile(index)))
                }
            }
        }
        job.outputFiles.withUnsafeBufferPointer { files in
            for index in files.indices {
                let list = files[index].name.startsWith(ascii: UInt8(ascii: "@"))
                let name = list ? String(files[index].name.dropFirst()) : files[index].name
                confine(name, "output file", .outputFile(index), wholeDirectory: !list)
            }
        }
    }

    /// A description that brings its own session directory (GRAMI) must keep it strictly below one
    /// of the policy's session roots, as a normal absolute path (no `.`, `..` or empty component).
    private func checkSessionDirectory(_ job: JobDescription, _ map: SourceMap, _ log: inout DiagnosticLog) {
        guard let roots = policy.allowedSessionRoots, let directory = job.gridJob?.sessionDirectory else { return }
        let position = map.position(of: .sessionDirectory)
        let components = directory.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        guard directory.hasPrefix("/"), !components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }),
              !directory.utf8.contains(0)
        else {
            log.error("session directory '\(directory)' must be an absolute path without '.', '..' or empty components",
                      at: position)
            return
        }
        let inside = roots.contains { root in
            let prefix = root.hasSuffix("/") ? root : root + "/"
            return directory.hasPrefix(prefix) && directory.count > prefix.count
        }
        if !inside {
            let allowed = roots.isEmpty ? "this site accepts none" : "allowed: " + roots.joined(separator: ", ")
            log.error("session directory '\(directory)' is not below a configured session root (\(allowed))", at: position)
        }
    }

    /// Files and locations are read through their buffers: read out of the arrays, each name and
    /// location was copied (a retain and a release for each string).
    private func checkLocations(_ job: JobDescription, _ map: SourceMap, _ log: inout DiagnosticLog) {
        var allowed = AllowedSchemes(policy.allowedSchemes)
        job.inputFiles.withUnsafeBufferPointer { files in
            for index in files.indices {
                guard case .remote(let locations) = files[index].source else { continue }
                locations.withUnsafeBufferPointer { locations in
                    for location in locations.indices {
                        check(scheme: locations[location].scheme, hasUserInfo: locations[location].userInfo != nil,
                              hostIsEmpty: locations[location].host.isEmpty, replicas: locations[location].replicas,
                              rendered: locations[location].description, "input file", files[index].name,
                              .inputFile(index), map, &allowed, &log)
                    }
                }
            }
        }
        job.outputFiles.withUnsafeBufferPointer { files in
            for index in files.indices {
                files[index].targets.withUnsafeBufferPointer { targets in
                    for target in targets.indices {
                        check(scheme: targets[target].location.scheme, hasUserInfo: targets[target].location.userInfo != nil,
                              hostIsEmpty: targets[target].location.host.isEmpty, replicas: targets[target].location.replicas,
                              rendered: targets[target].location.description, "output file", files[index].name,
                              .outputFile(index), map, &allowed, &log)
                    }
                }
            }
        }
    }

    /// Checks a location from its fields (read in place, without copying the location) and its
    /// replicas. `what` and `name` name the file in messages: "input file 'a.txt'".
    private func check(scheme: String, hasUserInfo: Bool, hostIsEmpty: Bool, replicas: [DataLocation],
                       rendered: @autoclosure () -> String, _ what: String, _ name: String, _ field: JobField,
                       _ map: SourceMap, _ allowed: inout AllowedSchemes, _ log: inout DiagnosticLog) {
        if !allowed.contains(scheme) {
            log.error("\(what) '\(name)': URL scheme '\(scheme)' is not allowed here; allowed: \(policy.allowedSchemes.sorted().joined(separator: ", "))",
                      at: map.position(of: field))
        }
        if hasUserInfo {
            log.error("\(what) '\(name)': the URL carries credentials; use a delegated credential instead", at: map.position(of: field))
        }
        if hostIsEmpty, replicas.isEmpty {
            log.error("\(what) '\(name)': the URL '\(rendered())' names no host", at: map.position(of: field))
        }
        guard !replicas.isEmpty else { return }
        replicas.withUnsafeBufferPointer { replicas in
            for replica in replicas.indices {
                check(scheme: replicas[replica].scheme, hasUserInfo: replicas[replica].userInfo != nil,
                      hostIsEmpty: replicas[replica].host.isEmpty, replicas: replicas[replica].replicas,
                      rendered: replicas[replica].description, what, name, field, map, &allowed, &log)
            }
        }
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

/// Normalised input names seen so far, with the index of the file that used each first. Names
/// compare as `String`s. For the usual handful, a list in which a hash of the bytes of plain names
/// (see `PlainText`) rules most pairs out; for many, a dictionary keyed by that hash while every
/// name is plain (equal plain names have equal bytes, so equal hashes), by the string otherwise.
private struct SeenNames {
    private struct PlainName: Hashable {
        let name: String
        let plainHash: UInt64

        static func == (lhs: PlainName, rhs: PlainName) -> Bool {
            lhs.plainHash == rhs.plainHash && lhs.name == rhs.name
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(plainHash)
        }
    }

    private var list: [(name: String, plainHash: UInt64?, index: Int)] = []
    private var plain: [PlainName: Int]?
    private var strings: [String: Int]?

    init(expected: Int) {
        if expected > 16 { plain = Dictionary(minimumCapacity: expected) } else { list.reserveCapacity(expected) }
    }

    /// The index that first used `name`, or nil after recording `index` for it. `plainHash` is
    /// `PlainText.hash` of a plain name, nil for others.
    mutating func insert(_ name: String, _ plainHash: UInt64?, _ index: Int) -> Int? {
        if plain != nil {
            if let plainHash {
                let key = PlainName(name: name, plainHash: plainHash)
                if let first = plain?[key] { return first }
                plain?[key] = index
                return nil
            }
            // A name that is not plain: from now on, compare by string.
            var byString = [String: Int](minimumCapacity: (plain?.count ?? 0) * 2 + 16)
            for (key, first) in plain ?? [:] { byString[key.name] = first }
            plain = nil
            strings = byString
        }
        if strings != nil {
            if let first = strings?[name] { return first }
            strings?[name] = index
            return nil
        }
        // Through the buffer: iterating the array copied each entry (a retain and a release).
        let first: Int? = list.withUnsafeBufferPointer { entries in
            for entry in entries.indices {
                // Two plain names are equal strings exactly when their bytes are.
                if let plainHash, let other = entries[entry].plainHash, plainHash != other { continue }
                if entries[entry].name == name { return entries[entry].index }
            }
            return nil
        }
        if let first { return first }
        list.append((name, plainHash, index))
        return nil
    }
}

/// Schemes of a policy, with the few a job uses remembered so that most look-ups compare a short
/// string instead of hashing it. Compares as the set does.
private struct AllowedSchemes {
    let set: Set<String>
    var known: (String?, String?, String?, String?) = (nil, nil, nil, nil)

    init(_ set: Set<String>) {
        self.set = set
    }

    mutating func contains(_ scheme: String) -> Bool {
        if known.0 == scheme || known.1 == scheme || known.2 == scheme || known.3 == scheme { return true }
        guard set.contains(scheme) else { return false }
        known = (scheme, known.0, known.1, known.2)
        return true
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
