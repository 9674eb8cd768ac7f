/// Attributes whose values need more than a shape check.
extension XRSLInterpreter {
    mutating func readPriority(_ relation: XRSLEvaluatedRelation) {
        guard let value = integer(relation, field: .priority) else { return }
        if value > 100 {
            warning("'\(relation.name)' above 100 is read as 100", at: relation.nameOffset)
        }
        job.priority = min(value, 100)
    }

    mutating func readStartTime(_ relation: XRSLEvaluatedRelation) {
        guard let text = single(relation, field: .startTime) else { return }
        do {
            let (date, zoneGiven) = try GridDate.parse(text)
            job.startTime = date
            if !zoneGiven {
                warning("'\(relation.name)' names no time zone; read as UTC", at: relation.values[0].offset)
            }
        } catch {
            self.error("'\(relation.name)': \(error.description)", at: relation.values[0].offset)
        }
    }

    mutating func readExclusiveExecution(_ relation: XRSLEvaluatedRelation) {
        guard let text = single(relation, field: .exclusiveExecution) else { return }
        switch text.lowercased() {
        case "yes", "true": job.exclusiveExecution = true
        case "no", "false": job.exclusiveExecution = false
        default: error("'\(relation.name)' must be yes or no, found '\(text)'", at: relation.values[0].offset)
        }
    }

    mutating func readQueue(_ relation: XRSLEvaluatedRelation) {
        if relation.relation == .notEqual {
            guard relation.values.count == 1, case .string(let name, _) = relation.values[0] else {
                error("'\(relation.name)' takes exactly one queue name", at: relation.nameOffset)
                return
            }
            job.rejectedQueues.append(name)
            return
        }
        job.queue = single(relation, field: .queue)
    }

    mutating func readEnvironment(_ relation: XRSLEvaluatedRelation) {
        for value in relation.values {
            guard let pair = tuple(value, count: 2, of: relation, shape: "(\"NAME\" \"value\")") else { continue }
            map[.environment(job.environment.count)] = position(value.offset)
            job.environment.append(EnvironmentVariable(name: pair[0], value: pair[1]))
        }
    }

    mutating func readRuntimeEnvironment(_ relation: XRSLEvaluatedRelation) {
        let values = strings(relation)
        guard let first = values.first, !first.isEmpty else {
            error("'\(relation.name)' needs the runtime environment's name", at: relation.nameOffset)
            return
        }
        map[.runtimeEnvironment(job.runTimeEnvironments.count)] = position(relation.nameOffset)
        job.runTimeEnvironments.append(
            RuntimeEnvironment(combined: first, options: Array(values.dropFirst()), relation: relation.relation))
    }

    mutating func readVersionRequirement(_ relation: XRSLEvaluatedRelation, middleware: Bool) {
        guard let text = single(relation, field: middleware ? .middleware : .operatingSystem) else { return }
        let split = RuntimeEnvironment(combined: text)
        let requirement = VersionRequirement(name: split.name, version: split.version, relation: relation.relation)
        if middleware { job.middleware.append(requirement) } else { job.operatingSystem = requirement }
    }

    mutating func readNodeAccess(_ relation: XRSLEvaluatedRelation) {
        note(relation, as: .nodeAccess, once: false)
        var inbound = false
        var outbound = false
        for value in strings(relation) {
            switch value {
            case "inbound": inbound = true
            case "outbound": outbound = true
            default:
                warning("'\(relation.name)' value '\(value)' is neither inbound nor outbound; attribute ignored",
                        at: relation.nameOffset)
                return
            }
        }
        switch (inbound, outbound) {
        case (true, true): job.nodeAccess = .inboundAndOutbound
        case (true, false): job.nodeAccess = .inbound
        case (false, true): job.nodeAccess = .outbound
        case (false, false): break
        }
    }

    mutating func readNotify(_ relation: XRSLEvaluatedRelation) {
        note(relation, as: .notify, once: false)
        for value in relation.values {
            guard case .string(let text, let offset) = value else {
                error("'\(relation.name)' takes strings like \"be user@example.org\"", at: value.offset)
                continue
            }
            let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let first = words.first else {
                error("'\(relation.name)' value is empty: expected \"[flags] address…\"", at: offset)
                continue
            }
            var flags = "be"
            var recipients = words
            if !first.contains("@") {
                flags = first
                recipients.removeFirst()
            }
            let states = flags.compactMap { Notification.State(rawValue: String($0)) }
            guard states.count == flags.count else {
                error("'\(relation.name)' value '\(text)' has unknown state flags: use b, q, f, e, c, d", at: offset)
                continue
            }
            guard !recipients.isEmpty, recipients.allSatisfy({ $0.contains("@") }) else {
                error("'\(relation.name)' value '\(text)' needs e-mail addresses after the flags", at: offset)
                continue
            }
            job.notifications.append(Notification(recipients: recipients, states: states))
        }
    }

    mutating func readBenchmarks(_ relation: XRSLEvaluatedRelation) {
        guard note(relation, as: .benchmarks, once: true) else { return }
        for value in relation.values {
            guard let triple = tuple(value, count: 3, of: relation, shape: "(\"name\" \"value\" \"time\")") else { return }
            guard let score = Double(triple[1]), score > 0 else { continue }
            guard let seconds = seconds(triple[2], of: relation) else { return }
            job.benchmark = Benchmark(name: triple[0], value: score)
            job.cpuTime = seconds
            return
        }
        error("'\(relation.name)' has no sequence with a numeric benchmark value", at: relation.nameOffset)
    }

    mutating func readAction(_ relation: XRSLEvaluatedRelation) {
        guard dialect == .server else {
            error("'\(relation.name)' is written by the ARC client for the CE; a user description must not set it",
                  at: relation.nameOffset)
            return
        }
        if let value = single(relation, field: .action), value != "request" {
            error("'\(relation.name)' = '\(value)' does not submit a job: only 'request' is accepted", at: relation.nameOffset)
        }
    }

    // MARK: Read after the whole job

    mutating func readCountPerNode(_ relation: XRSLEvaluatedRelation) {
        guard relation.values.count == 1, case .string(let text, let offset) = relation.values[0] else {
            error("'\(relation.name)' takes exactly one value", at: relation.nameOffset)
            return
        }
        guard let value = StrictInteger.parse(text) else {
            error("'\(relation.name)' must be a whole number, found '\(text)'", at: offset)
            return
        }
        guard job.count != nil else {
            error("'\(relation.name)' needs 'count' as well", at: relation.nameOffset)
            return
        }
        job.countPerNode = value
    }

    mutating func readJoin(_ relation: XRSLEvaluatedRelation) {
        guard relation.values.count == 1, case .string(let text, _) = relation.values[0] else {
            error("'\(relation.name)' takes exactly one value, yes or no", at: relation.nameOffset)
            return
        }
        guard text == "yes" || text == "true" else {
            if text != "no" && text != "false" {
                warning("'\(relation.name)' = '\(text)' is neither yes nor no; ignored as ARC does", at: relation.nameOffset)
            }
            return
        }
        guard let stdout = job.stdout else {
            error("'\(relation.name)' needs 'stdout': it sends stderr to the stdout file", at: relation.nameOffset)
            return
        }
        if let stderr = job.stderr, stderr != stdout {
            error("'\(relation.name)' cannot be used when 'stderr' names another file ('\(stderr)')", at: relation.nameOffset)
            return
        }
        job.stderr = stdout
        job.join = true
    }

    mutating func readGridTime(_ relation: XRSLEvaluatedRelation) {
        guard job.cpuTime == nil, job.wallTime == nil else {
            error("'\(relation.name)' cannot be combined with 'cputime' or 'walltime'", at: relation.nameOffset)
            return
        }
        guard relation.values.count == 1, case .string(let text, _) = relation.values[0],
              let seconds = seconds(text, of: relation)
        else {
            if relation.values.count != 1 { error("'\(relation.name)' takes exactly one value", at: relation.nameOffset) }
            return
        }
        job.cpuTime = seconds
        let (wall, overflow) = seconds.multipliedReportingOverflow(by: max(job.count ?? 1, 1))
        guard !overflow else {
            error("'\(relation.name)' times 'count' is too long a time", at: relation.nameOffset)
            return
        }
        job.wallTime = wall
        job.benchmark = Benchmark(name: "clock rate", value: 2800)
    }
}
