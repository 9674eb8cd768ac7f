/// Where in the text each part of a job was written.
///
/// Kept in arrays rather than a dictionary: one slot per field without an index, and one list per
/// indexed field (environment variables, files, …), which readers fill in order. Indices that do
/// not extend a list (negative, or past its end) go to a dictionary.
public struct SourceMap: Sendable {
    private var fields: [SourcePosition?] = []
    private var environments: [SourcePosition?] = []
    private var runtimeEnvironments: [SourcePosition?] = []
    private var inputFiles: [SourcePosition?] = []
    private var outputFiles: [SourcePosition?] = []
    private var preExecutables: [SourcePosition?] = []
    private var postExecutables: [SourcePosition?] = []
    private var others: [JobField: SourcePosition] = [:]

    public init() {}

    public subscript(field: JobField) -> SourcePosition? {
        get {
            switch field {
            case .environment(let index): return Self.get(environments, index, field, others)
            case .runtimeEnvironment(let index): return Self.get(runtimeEnvironments, index, field, others)
            case .inputFile(let index): return Self.get(inputFiles, index, field, others)
            case .outputFile(let index): return Self.get(outputFiles, index, field, others)
            case .preExecutable(let index): return Self.get(preExecutables, index, field, others)
            case .postExecutable(let index): return Self.get(postExecutables, index, field, others)
            default:
                let slot = field.slot
                return slot < fields.count ? fields[slot] : nil
            }
        }
        set {
            switch field {
            case .environment(let index): Self.set(&environments, index, field, newValue, &others)
            case .runtimeEnvironment(let index): Self.set(&runtimeEnvironments, index, field, newValue, &others)
            case .inputFile(let index): Self.set(&inputFiles, index, field, newValue, &others)
            case .outputFile(let index): Self.set(&outputFiles, index, field, newValue, &others)
            case .preExecutable(let index): Self.set(&preExecutables, index, field, newValue, &others)
            case .postExecutable(let index): Self.set(&postExecutables, index, field, newValue, &others)
            default:
                if fields.isEmpty {
                    guard newValue != nil else { return }
                    fields = Array(repeating: nil, count: JobField.slotCount)
                }
                fields[field.slot] = newValue
            }
        }
    }

    /// Makes room for `additional` more entries of the indexed kind of `field`.
    mutating func reserveCapacity(_ field: JobField, additional: Int) {
        switch field {
        case .environment: environments.reserveGrowing(additional)
        case .runtimeEnvironment: runtimeEnvironments.reserveGrowing(additional)
        case .inputFile: inputFiles.reserveGrowing(additional)
        case .outputFile: outputFiles.reserveGrowing(additional)
        case .preExecutable: preExecutables.reserveGrowing(additional)
        case .postExecutable: postExecutables.reserveGrowing(additional)
        default: break
        }
    }

    /// The position of a field, or of the description's start when the field was not written
    /// (a default, or a value derived from others).
    public func position(of field: JobField) -> SourcePosition {
        self[field] ?? .start
    }

    private static func get(_ list: [SourcePosition?], _ index: Int, _ field: JobField,
                            _ others: [JobField: SourcePosition]) -> SourcePosition? {
        if index >= 0, index < list.count { return list[index] }
        return others.isEmpty ? nil : others[field]
    }

    private static func set(_ list: inout [SourcePosition?], _ index: Int, _ field: JobField, _ position: SourcePosition?,
                            _ others: inout [JobField: SourcePosition]) {
        if index >= 0, index < list.count {
            list[index] = position
        } else if index == list.count {
            list.append(position)
            if !others.isEmpty { others[field] = nil }
        } else {
            others[field] = position
        }
    }

    /// Every recorded field with its position.
    private var entries: [JobField: SourcePosition] {
        var result = others
        for (slot, position) in fields.enumerated() {
            if let position { result[JobField.withSlot(slot)] = position }
        }
        let lists: [([SourcePosition?], (Int) -> JobField)] = [
            (environments, JobField.environment), (runtimeEnvironments, JobField.runtimeEnvironment),
            (inputFiles, JobField.inputFile), (outputFiles, JobField.outputFile),
            (preExecutables, JobField.preExecutable), (postExecutables, JobField.postExecutable),
        ]
        for (list, field) in lists {
            for (index, position) in list.enumerated() {
                if let position { result[field(index)] = position }
            }
        }
        return result
    }
}

extension SourceMap: Hashable {
    public static func == (lhs: SourceMap, rhs: SourceMap) -> Bool {
        lhs.entries == rhs.entries
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(entries)
    }
}

extension JobField {
    /// The fields without an index, in slot order.
    private static let unindexed: [JobField] = [
        .executable, .arguments, .stdin, .stdout, .stderr, .join, .gmlog, .jobName, .queue,
        .count, .countPerNode, .exclusiveExecution, .memory, .virtualMemory, .disk,
        .wallTime, .cpuTime, .lifeTime, .gridTime, .priority, .rerun, .startTime, .dryRun,
        .architecture, .operatingSystem, .middleware, .nodeAccess, .benchmarks,
        .accessControl, .credentialService, .remoteLogging, .delegationID, .notify,
        .executables, .cache, .ftpThreads, .action,
    ]

    static var slotCount: Int { unindexed.count }

    static func withSlot(_ slot: Int) -> JobField { unindexed[slot] }

    /// The slot of a field without an index (0 for indexed ones, which never use it).
    var slot: Int {
        switch self {
        case .executable: 0
        case .arguments: 1
        case .stdin: 2
        case .stdout: 3
        case .stderr: 4
        case .join: 5
        case .gmlog: 6
        case .jobName: 7
        case .queue: 8
        case .count: 9
        case .countPerNode: 10
        case .exclusiveExecution: 11
        case .memory: 12
        case .virtualMemory: 13
        case .disk: 14
        case .wallTime: 15
        case .cpuTime: 16
        case .lifeTime: 17
        case .gridTime: 18
        case .priority: 19
        case .rerun: 20
        case .startTime: 21
        case .dryRun: 22
        case .architecture: 23
        case .operatingSystem: 24
        case .middleware: 25
        case .nodeAccess: 26
        case .benchmarks: 27
        case .accessControl: 28
        case .credentialService: 29
        case .remoteLogging: 30
        case .delegationID: 31
        case .notify: 32
        case .executables: 33
        case .cache: 34
        case .ftpThreads: 35
        case .action: 36
        case .environment, .runtimeEnvironment, .inputFile, .outputFile, .preExecutable, .postExecutable: 0
        }
    }
}

extension Array {
    /// Makes room for `additional` more elements, growing geometrically so that repeated calls
    /// stay linear.
    mutating func reserveGrowing(_ additional: Int) {
        let needed = count + additional
        guard needed > capacity else { return }
        reserveCapacity(Swift.max(needed, capacity * 2))
    }
}
