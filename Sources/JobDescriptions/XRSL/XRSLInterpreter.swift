/// Gives each evaluated xRSL relation its meaning (shared xRSL spec §3) and builds one
/// `JobDescription`, recording where every field was written.
///
/// Shapes are checked here (a single string where one is expected, pairs for `environment`);
/// policy (names inside the session directory, allowed URL schemes) is `JobValidator`'s job.
///
/// Values are read from the document's bytes; a `String` is made only for what the job keeps or a
/// message quotes. Text that is not plain (see `PlainText`) goes through the `String` code.
struct XRSLInterpreter {
    let bytes: UnsafeBufferPointer<UInt8>
    let relations: [XRSLEvaluatedRelation]
    let values: [XRSLEvaluatedValue]
    let isPlainDocument: Bool
    let source: SourceText
    let dialect: XRSLDialect
    var job: JobDescription
    var map: SourceMap
    var log: DiagnosticLog
    /// Relations read only after the whole job, as ARC does, so their position does not matter.
    private var deferred: [Int]
    /// Hosts of the job's locations, which most of its URLs share.
    var recentStrings = RecentStrings()

    /// `bytes` are the document's bytes, valid while the interpreter is used.
    init(document: XRSLDocument, bytes: UnsafeBufferPointer<UInt8>, source: SourceText, dialect: XRSLDialect) {
        self.bytes = bytes
        relations = document.relations
        values = document.values
        isPlainDocument = document.isPlain
        self.source = source
        self.dialect = dialect
        job = JobDescription()
        map = SourceMap(source: source)
        log = DiagnosticLog()
        deferred = []
    }

    /// Reads `relations` into `parsed`'s job and map (or, with `alternative`, into that
    /// alternative and its map), which start empty, appending the findings to `diagnostics`.
    static func interpret(_ relations: [Int], document: XRSLDocument, bytes: UnsafeBufferPointer<UInt8>,
                          source: SourceText, dialect: XRSLDialect, into parsed: inout ParsedJob,
                          alternative: Int? = nil, _ diagnostics: inout [Diagnostic]) {
        var interpreter = XRSLInterpreter(document: document, bytes: bytes, source: source, dialect: dialect)
        for relation in relations { interpreter.apply(relation) }
        interpreter.finish()
        // Moved out by swapping with the empty values in place.
        if let alternative {
            swap(&parsed.job.alternatives[alternative], &interpreter.job)
            swap(&parsed.alternativeSourceMaps[alternative], &interpreter.map)
        } else {
            swap(&parsed.job, &interpreter.job)
            swap(&parsed.sourceMap, &interpreter.map)
        }
        diagnostics = interpreter.log.entries
    }

    func position(_ offset: Int) -> SourcePosition { source.position(of: offset) }

    mutating func error(_ message: String, at offset: Int) { log.error(message, at: position(offset)) }

    mutating func warning(_ message: String, at offset: Int) { log.warning(message, at: position(offset)) }

    /// Base unit of bare time numbers in this dialect.
    var timeUnit: TimePeriod.BaseUnit { dialect == .user ? .minutes : .seconds }

    // MARK: Text

    func string(_ range: Range<Int>) -> String { PlainText.string(bytes, range) }

    /// The attribute name as written, for messages.
    func name(_ relation: XRSLEvaluatedRelation) -> String { string(relation.name) }

    func isPlain(_ range: Range<Int>) -> Bool {
        isPlainDocument || PlainText.isPlain(UnsafeBufferPointer(rebasing: bytes[range]))
    }

    func equals(_ range: Range<Int>, _ literal: StaticString) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<range.count where bytes[range.lowerBound + offset] != pointer[offset] { return false }
        return true
    }

    // MARK: Dispatch

    private mutating func apply(_ index: Int) {
        let relation = relations[index]
        // A name that matched a key of ours is letters and `_` only: only the others need the check.
        guard relation.attribute != .unknown || isValidName(relation.name) else {
            error(relation.name.isEmpty
                  ? "empty attribute name"
                  : "'\(name(relation))' is not an attribute name: use letters, digits and '_'",
                  at: relation.nameOffset)
            return
        }
        guard operatorAllowed(relation) else { return }
        switch relation.attribute {
        case .executable:
            if let value = single(relation, field: .executable) { job.executable = value.isEmpty ? nil : string(value) }
        case .arguments:
            job.arguments = strings(relation)
            note(relation, as: .arguments, once: true)
        case .stdin: job.stdin = singleString(relation, field: .stdin)
        case .stdout: job.stdout = singleString(relation, field: .stdout)
        case .stderr: job.stderr = singleString(relation, field: .stderr)
        case .gmlog: job.gmlog = singleString(relation, field: .gmlog)
        case .jobname: job.jobName = singleString(relation, field: .jobName)
        case .architecture: job.architecture = singleString(relation, field: .architecture)
        case .acl: job.accessControl = singleString(relation, field: .accessControl)
        case .credentialserver: job.credentialService = singleString(relation, field: .credentialService)
        case .jobreport:
            if let value = singleString(relation, field: .remoteLogging) { job.remoteLogging.append(value) }
        case .delegationid: job.delegationID = singleString(relation, field: .delegationID)
        case .count: job.count = integer(relation, field: .count)
        case .memory: job.memoryMB = integer(relation, field: .memory)
        case .disk: job.diskMB = integer(relation, field: .disk)
        case .rerun: job.rerun = integer(relation, field: .rerun)
        case .priority: readPriority(relation)
        case .walltime: job.wallTime = time(relation, field: .wallTime)
        case .cputime: job.cpuTime = time(relation, field: .cpuTime)
        case .lifetime: job.lifeTime = time(relation, field: .lifeTime)
        case .starttime: readStartTime(relation)
        case .exclusiveexecution: readExclusiveExecution(relation)
        case .dryrun:
            if let value = single(relation, field: .dryRun) {
                if isPlain(value) {
                    job.dryRun = equalsIgnoringCase(value, "yes")
                } else {
                    job.dryRun = string(value).lowercased() == "yes"
                }
            }
        case .queue: readQueue(relation)
        case .environment: readEnvironment(relation)
        case .runtimeenvironment: readRuntimeEnvironment(relation)
        case .middleware: readVersionRequirement(relation, middleware: true)
        case .opsys: readVersionRequirement(relation, middleware: false)
        case .nodeaccess: readNodeAccess(relation)
        case .notify: readNotify(relation)
        case .benchmarks: readBenchmarks(relation)
        case .inputfiles: readInputFiles(relation)
        case .outputfiles: readOutputFiles(relation)
        case .executables:
            note(relation, as: .executables, once: false)
            deferred.append(index)
        case .countpernode:
            if note(relation, as: .countPerNode, once: true) { deferred.append(index) }
        case .cache:
            if note(relation, as: .cache, once: true) { deferred.append(index) }
        case .ftpthreads:
            if note(relation, as: .ftpThreads, once: true) { deferred.append(index) }
        case .join, .gridtime:
            guard dialect == .user else { break }
            if note(relation, as: relation.attribute == .join ? .join : .gridTime, once: true) {
                deferred.append(index)
            }
        case .action: readAction(relation)
        case .savestate, .hostname, .jobid, .clientxrsl, .clientsoftware:
            if dialect == .user {
                warning("'\(name(relation))' is written by the ARC client for the CE; ignored in a user description", at: relation.nameOffset)
            }
        case .cluster, .replicacollection:
            warning("'\(name(relation))' is obsolete in ARC 6 and ignored", at: relation.nameOffset)
        case .globus:
            warning("'\(name(relation))' is a Globus RSL attribute that ARC does not support; ignored", at: relation.nameOffset)
        case .rslsubstitution, .unknown:
            warning("unknown attribute '\(name(relation))' ignored", at: relation.nameOffset)
        }
    }

    /// Operators other than `=` mean something only for RTEs, middleware, opsys and `queue!=`; ARC
    /// silently reads the rest as `=`, arkd refuses them.
    private mutating func operatorAllowed(_ relation: XRSLEvaluatedRelation) -> Bool {
        guard relation.relation != .equal else { return true }
        switch relation.attribute {
        case .runtimeenvironment, .middleware, .opsys: return true
        case .queue where relation.relation == .notEqual: return true
        default:
            error("operator '\(relation.relation.rawValue)' means nothing for '\(name(relation))': use '='",
                  at: relation.nameOffset)
            return false
        }
    }

    /// ASCII letters, digits, `_` and `-`.
    private func isValidName(_ range: Range<Int>) -> Bool {
        guard !range.isEmpty else { return false }
        for index in range {
            let byte = bytes[index]
            guard PlainText.isLetter(byte) || byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            else { return false }
        }
        return true
    }

    /// `String.lowercased() == literal` for plain text and a lower-case ASCII literal.
    func equalsIgnoringCase(_ range: Range<Int>, _ literal: StaticString) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<range.count where PlainText.lowercased(bytes[range.lowerBound + offset]) != pointer[offset] {
            return false
        }
        return true
    }

    // MARK: Post-processing

    /// ARC reads these after the whole job, executables first so that `cache` skips them.
    private static let deferredOrder: [XRSLAttribute] = [.executables, .cache, .ftpthreads, .countpernode, .join, .gridtime]

    private mutating func finish() {
        guard !deferred.isEmpty else { return }
        var inputIndex: InputNameIndex?
        for attribute in Self.deferredOrder {
            for index in deferred where relations[index].attribute == attribute {
                let relation = relations[index]
                switch attribute {
                case .executables:
                    let names = inputIndex ?? InputNameIndex(job.inputFiles)
                    inputIndex = names
                    readExecutables(relation, inputIndex: names)
                case .cache: readCache(relation)
                case .ftpthreads: readFTPThreads(relation)
                case .countpernode: readCountPerNode(relation)
                case .join: readJoin(relation)
                case .gridtime: readGridTime(relation)
                default: break
                }
            }
        }
    }
}

/// Finds an input file's first index by name. The usual handful of files is searched in order;
/// past `dictionaryThreshold`, a dictionary from each name to its first file keeps `executables`
/// linear (searching the list for every name took a minute for a 1 MB description).
struct InputNameIndex {
    private let firstByName: [String: Int]?
    private static let dictionaryThreshold = 16

    init(_ files: [InputFile]) {
        guard files.count > Self.dictionaryThreshold else {
            firstByName = nil
            return
        }
        var result: [String: Int] = [:]
        for (index, file) in files.enumerated() where result[file.name] == nil {
            result[file.name] = index
        }
        firstByName = result
    }

    /// `files` must be the files the index was made from (only their executable flags may have changed).
    func firstIndex(of name: String, in files: [InputFile]) -> Int? {
        if let firstByName { return firstByName[name] }
        return files.withUnsafeBufferPointer { files in
            for index in files.indices where files[index].name == name { return index }
            return nil
        }
    }
}
