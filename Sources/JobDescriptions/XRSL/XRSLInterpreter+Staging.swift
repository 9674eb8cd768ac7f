/// `inputfiles`, `outputfiles`, `executables`, `cache` and `ftpthreads` (shared xRSL spec §3.2).
extension XRSLInterpreter {
    mutating func readInputFiles(_ relation: XRSLEvaluatedRelation) {
        for value in relation.values {
            guard let items = fileSequence(value, of: relation, second: "source") else { continue }
            let (name, sourceText, options) = (items[0], items[1], Array(items.dropFirst(2)))
            var file = InputFile(name: name, source: .submitter(path: ""))
            if dialect == .server, let (size, checksum) = Self.sizeAndChecksum(sourceText) {
                file.size = size
                file.checksum = checksum
            } else {
                switch classify(sourceText, at: value.offset, of: relation) {
                case .local(let path)?:
                    file.source = .submitter(path: path)
                    if !options.isEmpty { warning("options on a file the submitter uploads are ignored", at: value.offset) }
                case .remote(var location)?:
                    guard apply(options, to: &location, at: value.offset, of: relation) else { continue }
                    if let checksum = location.options["checksum"], checksum.contains(":") {
                        file.checksum = checksum
                        location.options["checksum"] = nil
                    }
                    file.source = .remote([location])
                case nil:
                    continue
                }
            }
            map[.inputFile(job.inputFiles.count)] = position(value.offset)
            job.inputFiles.append(file)
        }
    }

    mutating func readOutputFiles(_ relation: XRSLEvaluatedRelation) {
        for value in relation.values {
            guard let items = fileSequence(value, of: relation, second: "target") else { continue }
            let (name, targetText, options) = (items[0], items[1], Array(items.dropFirst(2)))
            var file = OutputFile(name: name)
            switch classify(targetText, at: value.offset, of: relation) {
            case .local(let path)?:
                if !path.isEmpty {
                    warning("target '\(targetText)' is a local path, not an upload URL; '\(name)' stays in the session directory", at: value.offset)
                }
            case .remote(var location)?:
                guard apply(options, to: &location, at: value.offset, of: relation) else { continue }
                file.targets = [OutputFile.Target(location: location)]
            case nil:
                continue
            }
            map[.outputFile(job.outputFiles.count)] = position(value.offset)
            job.outputFiles.append(file)
        }
    }

    /// `inputIndex` maps each input name to its first file; the caller builds it once for all
    /// `executables` relations (searching the list for every name was quadratic: a minute for a
    /// 1 MB description).
    mutating func readExecutables(_ relation: XRSLEvaluatedRelation, inputIndex: [String: Int]) {
        for name in strings(relation) {
            guard let index = inputIndex[name] else {
                error("'\(relation.name)' names '\(name)', which is not in 'inputfiles'", at: relation.nameOffset)
                continue
            }
            job.inputFiles[index].executable = true
        }
    }

    /// Each input file name with the index of its first file.
    static func firstIndexByName(_ files: [InputFile]) -> [String: Int] {
        var result: [String: Int] = [:]
        for (index, file) in files.enumerated() where result[file.name] == nil {
            result[file.name] = index
        }
        return result
    }

    /// ARC copies `cache=` onto every source of every input that is not executable.
    mutating func readCache(_ relation: XRSLEvaluatedRelation) {
        guard relation.values.count == 1, case .string(let value, _) = relation.values[0] else {
            error("'\(relation.name)' takes exactly one value", at: relation.nameOffset)
            return
        }
        for index in job.inputFiles.indices where !job.inputFiles[index].executable {
            if case .remote(var locations) = job.inputFiles[index].source {
                for location in locations.indices { locations[location].options["cache"] = value }
                job.inputFiles[index].source = .remote(locations)
            }
        }
    }

    /// ARC adds `threads=N` to every input source and output target.
    mutating func readFTPThreads(_ relation: XRSLEvaluatedRelation) {
        guard relation.values.count == 1, case .string(let text, let offset) = relation.values[0] else {
            error("'\(relation.name)' takes exactly one value", at: relation.nameOffset)
            return
        }
        guard let threads = StrictInteger.parse(text), (1...10).contains(threads) else {
            error("'\(relation.name)' must be a whole number from 1 to 10, found '\(text)'", at: offset)
            return
        }
        for index in job.inputFiles.indices {
            if case .remote(var locations) = job.inputFiles[index].source {
                for location in locations.indices { locations[location].options["threads"] = String(threads) }
                job.inputFiles[index].source = .remote(locations)
            }
        }
        for index in job.outputFiles.indices {
            for target in job.outputFiles[index].targets.indices {
                job.outputFiles[index].targets[target].location.options["threads"] = String(threads)
            }
        }
    }

    // MARK: Helpers

    /// `(name location [option …])`: at least two plain strings and a non-empty name.
    private mutating func fileSequence(_ value: XRSLEvaluatedValue, of relation: XRSLEvaluatedRelation,
                                       second: String) -> [String]? {
        guard case .sequence(let items, let offset) = value else {
            error("'\(relation.name)' takes sequences (\"name\" \"\(second)\"), found a plain value", at: value.offset)
            return nil
        }
        var strings: [String] = []
        for item in items {
            guard case .string(let text, _) = item else {
                error("'\(relation.name)' entries hold plain values, not nested sequences", at: item.offset)
                return nil
            }
            strings.append(text)
        }
        guard strings.count >= 2 else {
            error("'\(relation.name)' entries need at least two values, (\"name\" \"\(second)\"); use \"\" for the \(second) to mean the submitter's file",
                  at: offset)
            return nil
        }
        guard !strings[0].isEmpty else {
            error("'\(relation.name)' entry has an empty file name", at: offset)
            return nil
        }
        return strings
    }

    private mutating func classify(_ text: String, at offset: Int, of relation: XRSLEvaluatedRelation) -> LocationText? {
        do {
            return try LocationText.classify(text)
        } catch {
            self.error("'\(relation.name)': \(error.description)", at: offset)
            return nil
        }
    }

    /// URL options written as extra sequence elements; `location=` adds a replica, and options
    /// after it belong to that replica.
    private mutating func apply(_ options: [String], to location: inout DataLocation, at offset: Int,
                                of relation: XRSLEvaluatedRelation) -> Bool {
        var replica: Int?
        for option in options {
            guard let equals = option.firstIndex(of: "=") else {
                error("'\(relation.name)' option '\(option)' must have the form name=value", at: offset)
                return false
            }
            let name = String(option[..<equals])
            let value = String(option[option.index(after: equals)...])
            switch name {
            case "location":
                do {
                    location.replicas.append(try DataLocation(parsing: value))
                    replica = location.replicas.count - 1
                } catch {
                    self.error("'\(relation.name)' location: \(error.description)", at: offset)
                    return false
                }
            case "delegationid":
                if let replica { location.replicas[replica].delegationID = value } else { location.delegationID = value }
            default:
                if let replica { location.replicas[replica].options[name] = value } else { location.options[name] = value }
            }
        }
        return true
    }

    /// GM-side sources `size` or `size.checksum`: the client will upload a file like that.
    static func sizeAndChecksum(_ text: String) -> (Int64, String?)? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let size = Int64(parts[0]), size >= 0 else { return nil }
        return (size, parts.count > 1 && !parts[1].isEmpty ? String(parts[1]) : nil)
    }
}
