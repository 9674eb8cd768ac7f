/// Gives each evaluated xRSL relation its meaning (shared xRSL spec §3) and builds one
/// `JobDescription`, recording where every field was written.
///
/// Shapes are checked here (a single string where one is expected, pairs for `environment`);
/// policy (names inside the session directory, allowed URL schemes) is `JobValidator`'s job.
struct XRSLInterpreter {
    let source: SourceText
    let dialect: XRSLDialect
    var job = JobDescription()
    var map = SourceMap()
    var log = DiagnosticLog()
    /// Attributes that take one value, with where they were first written.
    private var seenSingle: [String: Int] = [:]
    /// Relations read only after the whole job, as ARC does, so their position does not matter.
    private var deferred: [XRSLEvaluatedRelation] = []

    init(source: SourceText, dialect: XRSLDialect) {
        self.source = source
        self.dialect = dialect
    }

    static func interpret(_ relations: [XRSLEvaluatedRelation], source: SourceText,
                          dialect: XRSLDialect) -> (JobDescription, SourceMap, [Diagnostic]) {
        var interpreter = XRSLInterpreter(source: source, dialect: dialect)
        for relation in relations { interpreter.apply(relation) }
        interpreter.finish()
        return (interpreter.job, interpreter.map, interpreter.log.entries)
    }

    func position(_ offset: Int) -> SourcePosition { source.position(of: offset) }

    mutating func error(_ message: String, at offset: Int) { log.error(message, at: position(offset)) }

    mutating func warning(_ message: String, at offset: Int) { log.warning(message, at: position(offset)) }

    /// Base unit of bare time numbers in this dialect.
    var timeUnit: TimePeriod.BaseUnit { dialect == .user ? .minutes : .seconds }

    // MARK: Dispatch

    private mutating func apply(_ relation: XRSLEvaluatedRelation) {
        guard Self.isValidName(relation.name) else {
            error(relation.name.isEmpty
                  ? "empty attribute name"
                  : "'\(relation.name)' is not an attribute name: use letters, digits and '_'",
                  at: relation.nameOffset)
            return
        }
        guard operatorAllowed(relation) else { return }
        switch relation.key {
        case "executable":
            if let value = single(relation, field: .executable) { job.executable = value.isEmpty ? nil : value }
        case "arguments":
            job.arguments = strings(relation)
            note(relation, as: .arguments, once: true)
        case "stdin": job.stdin = single(relation, field: .stdin)
        case "stdout": job.stdout = single(relation, field: .stdout)
        case "stderr": job.stderr = single(relation, field: .stderr)
        case "gmlog": job.gmlog = single(relation, field: .gmlog)
        case "jobname": job.jobName = single(relation, field: .jobName)
        case "architecture": job.architecture = single(relation, field: .architecture)
        case "acl": job.accessControl = single(relation, field: .accessControl)
        case "credentialserver": job.credentialService = single(relation, field: .credentialService)
        case "jobreport":
            if let value = single(relation, field: .remoteLogging) { job.remoteLogging.append(value) }
        case "delegationid": job.delegationID = single(relation, field: .delegationID)
        case "count": job.count = integer(relation, field: .count)
        case "memory": job.memoryMB = integer(relation, field: .memory)
        case "disk": job.diskMB = integer(relation, field: .disk)
        case "rerun": job.rerun = integer(relation, field: .rerun)
        case "priority": readPriority(relation)
        case "walltime": job.wallTime = time(relation, field: .wallTime)
        case "cputime": job.cpuTime = time(relation, field: .cpuTime)
        case "lifetime": job.lifeTime = time(relation, field: .lifeTime)
        case "starttime": readStartTime(relation)
        case "exclusiveexecution": readExclusiveExecution(relation)
        case "dryrun":
            if let value = single(relation, field: .dryRun) { job.dryRun = value.lowercased() == "yes" }
        case "queue": readQueue(relation)
        case "environment": readEnvironment(relation)
        case "runtimeenvironment": readRuntimeEnvironment(relation)
        case "middleware": readVersionRequirement(relation, middleware: true)
        case "opsys": readVersionRequirement(relation, middleware: false)
        case "nodeaccess": readNodeAccess(relation)
        case "notify": readNotify(relation)
        case "benchmarks": readBenchmarks(relation)
        case "inputfiles": readInputFiles(relation)
        case "outputfiles": readOutputFiles(relation)
        case "executables":
            note(relation, as: .executables, once: false)
            deferred.append(relation)
        case "countpernode", "cache", "ftpthreads":
            if note(relation, as: Self.deferredFields[relation.key] ?? .cache, once: true) { deferred.append(relation) }
        case "join", "gridtime":
            guard dialect == .user else { break }
            if note(relation, as: relation.key == "join" ? .join : .gridTime, once: true) { deferred.append(relation) }
        case "action": readAction(relation)
        case "savestate", "hostname", "jobid", "clientxrsl", "clientsoftware":
            if dialect == .user {
                warning("'\(relation.name)' is written by the ARC client for the CE; ignored in a user description", at: relation.nameOffset)
            }
        case "cluster", "replicacollection":
            warning("'\(relation.name)' is obsolete in ARC 6 and ignored", at: relation.nameOffset)
        case _ where Self.globusAttributes.contains(relation.key):
            warning("'\(relation.name)' is a Globus RSL attribute that ARC does not support; ignored", at: relation.nameOffset)
        default:
            warning("unknown attribute '\(relation.name)' ignored", at: relation.nameOffset)
        }
    }

    private static let deferredFields: [String: JobField] = [
        "countpernode": .countPerNode, "cache": .cache, "ftpthreads": .ftpThreads,
    ]

    static let globusAttributes: Set<String> = [
        "resourcemanagercontact", "directory", "maxcputime", "maxwalltime", "maxtime", "maxmemory", "minmemory",
        "grammyjob", "project", "hostcount", "label", "subjobcommstype", "subjobstarttype", "filecleanup",
        "filestagein", "filestageinshared", "filestageout", "gasscache", "jobtype", "librarypath", "remoteiourl",
        "scratchdir",
    ]

    /// Operators other than `=` mean something only for RTEs, middleware, opsys and `queue!=`; ARC
    /// silently reads the rest as `=`, arkd refuses them.
    private mutating func operatorAllowed(_ relation: XRSLEvaluatedRelation) -> Bool {
        guard relation.relation != .equal else { return true }
        switch relation.key {
        case "runtimeenvironment", "middleware", "opsys": return true
        case "queue" where relation.relation == .notEqual: return true
        default:
            error("operator '\(relation.relation.rawValue)' means nothing for '\(relation.name)': use '='",
                  at: relation.nameOffset)
            return false
        }
    }

    /// ASCII letters, digits, `_` and `-` (bytewise: no Unicode property look-ups).
    private static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                true
            default:
                false
            }
        }
    }

    // MARK: Post-processing

    /// ARC reads these after the whole job, executables first so that `cache` skips them.
    private static let deferredOrder = ["executables", "cache", "ftpthreads", "countpernode", "join", "gridtime"]

    private mutating func finish() {
        let ordered = Self.deferredOrder.flatMap { key in deferred.filter { $0.key == key } }
        var inputIndex: [String: Int]?
        for relation in ordered {
            switch relation.key {
            case "executables":
                let index = inputIndex ?? Self.firstIndexByName(job.inputFiles)
                inputIndex = index
                readExecutables(relation, inputIndex: index)
            case "cache": readCache(relation)
            case "ftpthreads": readFTPThreads(relation)
            case "countpernode": readCountPerNode(relation)
            case "join": readJoin(relation)
            case "gridtime": readGridTime(relation)
            default: break
            }
        }
    }
}
