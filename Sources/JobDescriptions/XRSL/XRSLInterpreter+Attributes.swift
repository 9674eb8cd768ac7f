/// Attributes whose values need more than a shape check.
extension XRSLInterpreter {
    mutating func readPriority(_ relation: XRSLEvaluatedRelation) {
        guard let value = integer(relation, field: .priority) else { return }
        if value > 100 {
            warning("'\(name(relation))' above 100 is read as 100", at: relation.nameOffset)
        }
        job.priority = min(value, 100)
    }

    mutating func readStartTime(_ relation: XRSLEvaluatedRelation) {
        guard let text = singleString(relation, field: .startTime) else { return }
        let offset = values[relation.values.lowerBound].offset
        do {
            let (date, zoneGiven) = try GridDate.parse(text)
            job.startTime = date
            if !zoneGiven {
                warning("'\(name(relation))' names no time zone; read as UTC", at: offset)
            }
        } catch {
            self.error("'\(name(relation))': \(error.description)", at: offset)
        }
    }

    mutating func readExclusiveExecution(_ relation: XRSLEvaluatedRelation) {
        guard let text = single(relation, field: .exclusiveExecution) else { return }
        if isPlain(text) {
            if equalsIgnoringCase(text, "yes") || equalsIgnoringCase(text, "true") {
                job.exclusiveExecution = true
                return
            }
            if equalsIgnoringCase(text, "no") || equalsIgnoringCase(text, "false") {
                job.exclusiveExecution = false
                return
            }
        } else {
            switch string(text).lowercased() {
            case "yes", "true":
                job.exclusiveExecution = true
                return
            case "no", "false":
                job.exclusiveExecution = false
                return
            default: break
            }
        }
        error("'\(name(relation))' must be yes or no, found '\(string(text))'", at: values[relation.values.lowerBound].offset)
    }

    mutating func readQueue(_ relation: XRSLEvaluatedRelation) {
        if relation.relation == .notEqual {
            guard let (name, _) = onlyString(relation) else {
                error("'\(self.name(relation))' takes exactly one queue name", at: relation.nameOffset)
                return
            }
            job.rejectedQueues.append(string(name))
            return
        }
        job.queue = singleString(relation, field: .queue)
    }

    mutating func readEnvironment(_ relation: XRSLEvaluatedRelation) {
        job.environment.reserveGrowing(relation.valueCount)
        map.reserveCapacity(.environment(0), additional: relation.valueCount)
        var index = relation.values.lowerBound
        while index < relation.values.upperBound {
            let value = values[index]
            defer { index = value.next }
            guard let pair = tuple(index, count: 2, of: relation, shape: "(\"NAME\" \"value\")") else { continue }
            map.set(.environment(job.environment.count), offset: value.offset)
            job.environment.append(EnvironmentVariable(name: string(values[pair + 1].text), value: string(values[pair + 2].text)))
        }
    }

    mutating func readRuntimeEnvironment(_ relation: XRSLEvaluatedRelation) {
        var first: Range<Int>?
        var options: [String] = []
        var index = relation.values.lowerBound
        while index < relation.values.upperBound {
            let value = values[index]
            if value.isSequence {
                error("'\(name(relation))' takes plain values, not a parenthesised sequence", at: value.offset)
            } else if first == nil {
                first = value.text
            } else {
                options.append(string(value.text))
            }
            index = value.next
        }
        guard let first, !first.isEmpty else {
            error("'\(name(relation))' needs the runtime environment's name", at: relation.nameOffset)
            return
        }
        map.set(.runtimeEnvironment(job.runTimeEnvironments.count), offset: relation.nameOffset)
        if job.runTimeEnvironments.capacity == 0 { job.runTimeEnvironments.reserveCapacity(4) }
        let (name, version) = RuntimeEnvironment.split(bytes, first)
        job.runTimeEnvironments.append(RuntimeEnvironment(name: name, version: version, options: options, relation: relation.relation))
    }

    mutating func readVersionRequirement(_ relation: XRSLEvaluatedRelation, middleware: Bool) {
        guard let text = single(relation, field: middleware ? .middleware : .operatingSystem) else { return }
        let (name, version) = RuntimeEnvironment.split(bytes, text)
        let requirement = VersionRequirement(name: name, version: version, relation: relation.relation)
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
                warning("'\(name(relation))' value '\(value)' is neither inbound nor outbound; attribute ignored",
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
        var index = relation.values.lowerBound
        while index < relation.values.upperBound {
            let value = values[index]
            index = value.next
            guard !value.isSequence else {
                error("'\(name(relation))' takes strings like \"be user@example.org\"", at: value.offset)
                continue
            }
            let text = string(value.text)
            let offset = value.offset
            let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let first = words.first else {
                error("'\(name(relation))' value is empty: expected \"[flags] address…\"", at: offset)
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
                error("'\(name(relation))' value '\(text)' has unknown state flags: use b, q, f, e, c, d", at: offset)
                continue
            }
            guard !recipients.isEmpty, recipients.allSatisfy({ $0.contains("@") }) else {
                error("'\(name(relation))' value '\(text)' needs e-mail addresses after the flags", at: offset)
                continue
            }
            job.notifications.append(Notification(recipients: recipients, states: states))
        }
    }

    mutating func readBenchmarks(_ relation: XRSLEvaluatedRelation) {
        guard note(relation, as: .benchmarks, once: true) else { return }
        var index = relation.values.lowerBound
        while index < relation.values.upperBound {
            let value = values[index]
            guard let triple = tuple(index, count: 3, of: relation, shape: "(\"name\" \"value\" \"time\")") else { return }
            index = value.next
            guard let score = Double(string(values[triple + 2].text)), score > 0 else { continue }
            guard let seconds = seconds(values[triple + 3].text, of: relation) else { return }
            job.benchmark = Benchmark(name: string(values[triple + 1].text), value: score)
            job.cpuTime = seconds
            return
        }
        error("'\(name(relation))' has no sequence with a numeric benchmark value", at: relation.nameOffset)
    }

    mutating func readAction(_ relation: XRSLEvaluatedRelation) {
        guard dialect == .server else {
            error("'\(name(relation))' is written by the ARC client for the CE; a user description must not set it",
                  at: relation.nameOffset)
            return
        }
        if let value = singleString(relation, field: .action), value != "request" {
            error("'\(name(relation))' = '\(value)' does not submit a job: only 'request' is accepted", at: relation.nameOffset)
        }
    }

    // MARK: Read after the whole job

    mutating func readCountPerNode(_ relation: XRSLEvaluatedRelation) {
        guard let (text, offset) = onlyString(relation) else {
            error("'\(name(relation))' takes exactly one value", at: relation.nameOffset)
            return
        }
        guard let value = strictInteger(text) else {
            error("'\(name(relation))' must be a whole number, found '\(string(text))'", at: offset)
            return
        }
        guard job.count != nil else {
            error("'\(name(relation))' needs 'count' as well", at: relation.nameOffset)
            return
        }
        job.countPerNode = value
    }

    mutating func readJoin(_ relation: XRSLEvaluatedRelation) {
        guard let (range, _) = onlyString(relation) else {
            error("'\(name(relation))' takes exactly one value, yes or no", at: relation.nameOffset)
            return
        }
        let text = string(range)
        guard text == "yes" || text == "true" else {
            if text != "no" && text != "false" {
                warning("'\(name(relation))' = '\(text)' is neither yes nor no; ignored as ARC does", at: relation.nameOffset)
            }
            return
        }
        guard let stdout = job.stdout else {
            error("'\(name(relation))' needs 'stdout': it sends stderr to the stdout file", at: relation.nameOffset)
            return
        }
        if let stderr = job.stderr, stderr != stdout {
            error("'\(name(relation))' cannot be used when 'stderr' names another file ('\(stderr)')", at: relation.nameOffset)
            return
        }
        job.stderr = stdout
        job.join = true
    }

    mutating func readGridTime(_ relation: XRSLEvaluatedRelation) {
        guard job.cpuTime == nil, job.wallTime == nil else {
            error("'\(name(relation))' cannot be combined with 'cputime' or 'walltime'", at: relation.nameOffset)
            return
        }
        guard let (text, _) = onlyString(relation), let seconds = seconds(text, of: relation) else {
            if relation.valueCount != 1 { error("'\(name(relation))' takes exactly one value", at: relation.nameOffset) }
            return
        }
        job.cpuTime = seconds
        let (wall, overflow) = seconds.multipliedReportingOverflow(by: max(job.count ?? 1, 1))
        guard !overflow else {
            error("'\(name(relation))' times 'count' is too long a time", at: relation.nameOffset)
            return
        }
        job.wallTime = wall
        job.benchmark = Benchmark(name: "clock rate", value: 2800)
    }
}
