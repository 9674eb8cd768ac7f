/// `inputfiles`, `outputfiles`, `executables`, `cache` and `ftpthreads` (shared xRSL spec §3.2).
extension XRSLInterpreter {
    mutating func readInputFiles(_ relation: XRSLEvaluatedRelation) {
        job.inputFiles.reserveGrowing(relation.valueCount)
        map.reserveCapacity(.inputFile(0), additional: relation.valueCount)
        var index = relation.values.lowerBound
        while index < relation.values.upperBound {
            let value = values[index]
            guard let items = fileSequence(index, of: relation, second: "source") else {
                index = value.next
                continue
            }
            index = value.next
            let sourceText = values[items.lowerBound + 1].text
            let options = (items.lowerBound + 2)..<items.upperBound
            let source: InputFile.Source
            var size: Int64?
            var checksum: String?
            if dialect == .server, let (declaredSize, declaredChecksum) = Self.sizeAndChecksum(string(sourceText)) {
                source = .submitter(path: "")
                size = declaredSize
                checksum = declaredChecksum
            } else {
                var location = DataLocation.unread
                switch classify(sourceText, at: value.offset, of: relation, into: &location) {
                case .local(let path)?:
                    source = .submitter(path: path)
                    if !options.isEmpty { warning("options on a file the submitter uploads are ignored", at: value.offset) }
                case .remote?:
                    guard apply(options, to: &location, at: value.offset, of: relation) else { continue }
                    if !location.options.isEmpty, let declared = location.options["checksum"], Self.containsColon(declared) {
                        checksum = declared
                        location.options["checksum"] = nil
                    }
                    source = .remote([consume location])
                case nil:
                    continue
                }
            }
            map.set(.inputFile(job.inputFiles.count), offset: value.offset)
            job.inputFiles.append(InputFile(name: string(values[items.lowerBound].text), source: consume source,
                                            size: size, checksum: consume checksum))
        }
    }

    /// `text.contains(":")`, byte-wise for plain text (Foundation's search bridges to `NSString`).
    private static func containsColon(_ text: String) -> Bool {
        let plain: Bool? = PlainText.withBytes(text) { bytes in
            PlainText.isPlain(bytes) ? PlainText.firstIndex(of: UInt8(ascii: ":"), in: bytes, 0..<bytes.count) != nil : nil
        }
        return plain ?? text.contains(":")
    }

    mutating func readOutputFiles(_ relation: XRSLEvaluatedRelation) {
        job.outputFiles.reserveGrowing(relation.valueCount)
        map.reserveCapacity(.outputFile(0), additional: relation.valueCount)
        var index = relation.values.lowerBound
        while index < relation.values.upperBound {
            let value = values[index]
            guard let items = fileSequence(index, of: relation, second: "target") else {
                index = value.next
                continue
            }
            index = value.next
            let targetText = values[items.lowerBound + 1].text
            let options = (items.lowerBound + 2)..<items.upperBound
            let name = values[items.lowerBound].text
            var targets: [OutputFile.Target] = []
            var location = DataLocation.unread
            switch classify(targetText, at: value.offset, of: relation, into: &location) {
            case .local(let path)?:
                if !path.isEmpty {
                    warning("target '\(string(targetText))' is a local path, not an upload URL; '\(string(name))' stays in the session directory",
                            at: value.offset)
                }
            case .remote?:
                guard apply(options, to: &location, at: value.offset, of: relation) else { continue }
                targets = [OutputFile.Target(location: consume location)]
            case nil:
                continue
            }
            map.set(.outputFile(job.outputFiles.count), offset: value.offset)
            job.outputFiles.append(OutputFile(name: string(name), targets: consume targets))
        }
    }

    /// `inputIndex` finds each input name's first file; the caller makes it once for all
    /// `executables` relations.
    mutating func readExecutables(_ relation: XRSLEvaluatedRelation, inputIndex: InputNameIndex) {
        for name in strings(relation) {
            guard let index = inputIndex.firstIndex(of: name, in: job.inputFiles) else {
                error("'\(self.name(relation))' names '\(name)', which is not in 'inputfiles'", at: relation.nameOffset)
                continue
            }
            job.inputFiles[index].executable = true
        }
    }

    /// ARC copies `cache=` onto every source of every input that is not executable.
    mutating func readCache(_ relation: XRSLEvaluatedRelation) {
        guard let (text, _) = onlyString(relation) else {
            error("'\(name(relation))' takes exactly one value", at: relation.nameOffset)
            return
        }
        let value = string(text)
        for index in job.inputFiles.indices where !job.inputFiles[index].executable {
            if case .remote(var locations) = job.inputFiles[index].source {
                // Drop the file's reference first, so that the locations are changed in place.
                job.inputFiles[index].source = .submitter(path: "")
                for location in locations.indices { locations[location].options["cache"] = value }
                job.inputFiles[index].source = .remote(locations)
            }
        }
    }

    /// ARC adds `threads=N` to every input source and output target.
    mutating func readFTPThreads(_ relation: XRSLEvaluatedRelation) {
        guard let (text, offset) = onlyString(relation) else {
            error("'\(name(relation))' takes exactly one value", at: relation.nameOffset)
            return
        }
        guard let threads = strictInteger(text), (1...10).contains(threads) else {
            error("'\(name(relation))' must be a whole number from 1 to 10, found '\(string(text))'", at: offset)
            return
        }
        for index in job.inputFiles.indices {
            if case .remote(var locations) = job.inputFiles[index].source {
                job.inputFiles[index].source = .submitter(path: "")
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

    /// `(name location [option …])`: at least two plain strings and a non-empty name. The indices
    /// of the items.
    private mutating func fileSequence(_ index: Int, of relation: XRSLEvaluatedRelation, second: String) -> Range<Int>? {
        let value = values[index]
        guard value.isSequence else {
            error("'\(name(relation))' takes sequences (\"name\" \"\(second)\"), found a plain value", at: value.offset)
            return nil
        }
        let items = (index + 1)..<(index + 1 + value.count)
        var item = items.lowerBound
        while item < value.next {
            guard !values[item].isSequence else {
                error("'\(name(relation))' entries hold plain values, not nested sequences", at: values[item].offset)
                return nil
            }
            item += 1
        }
        guard value.count >= 2 else {
            error("'\(name(relation))' entries need at least two values, (\"name\" \"\(second)\"); use \"\" for the \(second) to mean the submitter's file",
                  at: value.offset)
            return nil
        }
        guard !values[items.lowerBound].text.isEmpty else {
            error("'\(name(relation))' entry has an empty file name", at: value.offset)
            return nil
        }
        return items
    }

    /// What a source or target names. A remote location is not carried here but read into the
    /// caller's variable: taking it out of an enum's payload copied it.
    private enum Place {
        case local(path: String)
        case remote
    }

    /// Classifies `text`, reading a remote location into `location`; nil after reporting text
    /// that is no location.
    private mutating func classify(_ text: Range<Int>, at offset: Int, of relation: XRSLEvaluatedRelation,
                                   into location: inout DataLocation) -> Place? {
        do throws(DataLocationError) {
            guard isPlain(text) else {
                switch try LocationText.classify(string(text)) {
                case .local(let path): return .local(path: path)
                case .remote(let remote):
                    location = remote
                    return .remote
                }
            }
            switch try LocationText.plainKind(bytes, text) {
            case .local(let path): return .local(path: string(path))
            case .remote(let separator):
                try location.read(plain: bytes, text, strings: &recentStrings, schemeSeparator: separator)
                return .remote
            }
        } catch {
            self.error("'\(name(relation))': \(error.description)", at: offset)
            return nil
        }
    }

    /// URL options written as extra sequence elements; `location=` adds a replica, and options
    /// after it belong to that replica.
    private mutating func apply(_ options: Range<Int>, to location: inout DataLocation, at offset: Int,
                                of relation: XRSLEvaluatedRelation) -> Bool {
        var replica: Int?
        // A dictionary made to size (`reserveCapacity` is not specialised: it looks up the
        // dictionary's generic metadata on every call).
        if !options.isEmpty, location.options.isEmpty { location.options = Dictionary(minimumCapacity: options.count) }
        for index in options {
            let option = values[index].text
            guard isPlain(option) else {
                guard apply(string(option), to: &location, replica: &replica, at: offset, of: relation) else { return false }
                continue
            }
            guard let separator = PlainText.firstIndex(of: UInt8(ascii: "="), in: bytes, option) else {
                error("'\(name(relation))' option '\(string(option))' must have the form name=value", at: offset)
                return false
            }
            let optionName = option.lowerBound..<separator
            let optionValue = (separator + 1)..<option.upperBound
            if equals(optionName, "location") {
                do {
                    location.replicas.append(try DataLocation(plain: bytes, optionValue))
                    replica = location.replicas.count - 1
                } catch {
                    self.error("'\(self.name(relation))' location: \(error.description)", at: offset)
                    return false
                }
            } else if equals(optionName, "delegationid") {
                if let replica { location.replicas[replica].delegationID = string(optionValue) } else { location.delegationID = string(optionValue) }
            } else {
                if let replica {
                    location.replicas[replica].options[string(optionName)] = string(optionValue)
                } else {
                    location.options[string(optionName)] = string(optionValue)
                }
            }
        }
        return true
    }

    /// One option of text that is not plain, `Character` by `Character`.
    private mutating func apply(_ option: String, to location: inout DataLocation, replica: inout Int?, at offset: Int,
                                of relation: XRSLEvaluatedRelation) -> Bool {
        guard let equals = option.firstIndex(of: "=") else {
            error("'\(self.name(relation))' option '\(option)' must have the form name=value", at: offset)
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
                self.error("'\(self.name(relation))' location: \(error.description)", at: offset)
                return false
            }
        case "delegationid":
            if let replica { location.replicas[replica].delegationID = value } else { location.delegationID = value }
        default:
            if let replica { location.replicas[replica].options[name] = value } else { location.options[name] = value }
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
