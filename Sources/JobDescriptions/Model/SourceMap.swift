/// Where in the text each part of a job was written.
///
/// Kept in arrays rather than a dictionary: one slot per field without an index, and one list per
/// indexed field (environment variables, files, …), which readers fill in order. Indices that do
/// not extend a list (negative, or past its end) go to a dictionary. A reader may record a byte
/// offset instead of a position; it becomes line and column when asked for, so a description
/// without findings never needs its line table.
public struct SourceMap: Sendable {
    enum Entry: Sendable {
        case none
        case offset(Int)
        case position(SourcePosition)
    }

    private var lines: LineTable?
    private var fields: [Entry]
    private var environments: [Entry]
    private var runtimeEnvironments: [Entry]
    private var inputFiles: [Entry]
    private var outputFiles: [Entry]
    private var preExecutables: [Entry]
    private var postExecutables: [Entry]
    private var others: [JobField: SourcePosition]

    // Stored properties are set in each initializer rather than given defaults (or set by a
    // delegated initializer), which keeps the optimizer from copying a new map into place.
    public init() {
        lines = nil
        fields = []
        environments = []
        runtimeEnvironments = []
        inputFiles = []
        outputFiles = []
        preExecutables = []
        postExecutables = []
        others = [:]
    }

    /// A map whose offsets are positions in `source`.
    init(source: SourceText) {
        lines = source.lines
        fields = []
        environments = []
        runtimeEnvironments = []
        inputFiles = []
        outputFiles = []
        preExecutables = []
        postExecutables = []
        others = [:]
    }

    public subscript(field: JobField) -> SourcePosition? {
        get {
            switch entry(field) {
            case .none: nil
            case .offset(let offset): lines?.position(of: offset)
            case .position(let position): position
            }
        }
        set {
            set(field, newValue.map { .position($0) } ?? .none)
        }
    }

    /// Records the byte offset of a field, for a map made with `init(source:)`.
    mutating func set(_ field: JobField, offset: Int) {
        set(field, .offset(offset))
    }

    /// Whether the field was recorded, without working out its position.
    func contains(_ field: JobField) -> Bool {
        if case .none = entry(field) { return false }
        return true
    }

    private func entry(_ field: JobField) -> Entry {
        switch field {
        case .environment(let index): return Self.get(environments, index, field, others)
        case .runtimeEnvironment(let index): return Self.get(runtimeEnvironments, index, field, others)
        case .inputFile(let index): return Self.get(inputFiles, index, field, others)
        case .outputFile(let index): return Self.get(outputFiles, index, field, others)
        case .preExecutable(let index): return Self.get(preExecutables, index, field, others)
        case .postExecutable(let index): return Self.get(postExecutables, index, field, others)
        default:
            let slot = field.slot
            return slot < fields.count ? fields[slot] : .none
        }
    }

    private mutating func set(_ field: JobField, _ entry: Entry) {
        switch field {
        case .environment(let index): Self.set(&environments, index, field, entry, &others, lines)
        case .runtimeEnvironment(let index): Self.set(&runtimeEnvironments, index, field, entry, &others, lines)
        case .inputFile(let index): Self.set(&inputFiles, index, field, entry, &others, lines)
        case .outputFile(let index): Self.set(&outputFiles, index, field, entry, &others, lines)
        case .preExecutable(let index): Self.set(&preExecutables, index, field, entry, &others, lines)
        case .postExecutable(let index): Self.set(&postExecutables, index, field, entry, &others, lines)
        default:
            if fields.isEmpty {
                if case .none = entry { return }
                fields = Array(repeating: .none, count: JobField.slotCount)
            }
            fields[field.slot] = entry
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

    private static func get(_ list: [Entry], _ index: Int, _ field: JobField,
                            _ others: [JobField: SourcePosition]) -> Entry {
        if index >= 0, index < list.count { return list[index] }
        guard !others.isEmpty, let position = others[field] else { return .none }
        return .position(position)
    }

    private static func set(_ list: inout [Entry], _ index: Int, _ field: JobField, _ entry: Entry,
                            _ others: inout [JobField: SourcePosition], _ lines: LineTable?) {
        if index >= 0, index < list.count {
            list[index] = entry
        } else if index == list.count {
            if list.capacity == 0 { list.reserveCapacity(4) }
            list.append(entry)
            if !others.isEmpty { others[field] = nil }
        } else {
            switch entry {
            case .none: others[field] = nil
            case .position(let position): others[field] = position
            case .offset(let offset): others[field] = lines?.position(of: offset)
            }
        }
    }

    /// Every recorded field with its position.
    private var entries: [JobField: SourcePosition] {
        var result = others
        for slot in fields.indices {
            let field = JobField.withSlot(slot)
            if let position = self[field] { result[field] = position }
        }
        let lists: [([Entry], (Int) -> JobField)] = [
            (environments, JobField.environment), (runtimeEnvironments, JobField.runtimeEnvironment),
            (inputFiles, JobField.inputFile), (outputFiles, JobField.outputFile),
            (preExecutables, JobField.preExecutable), (postExecutables, JobField.postExecutable),
        ]
        for (list, make) in lists {
            for index in list.indices {
                let field = make(index)
                if let position = self[field] { result[field] = position }
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
        .executables, .cache, .ftpThreads, .action, .sessionDirectory,
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
        case .sessionDirectory: 37
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
