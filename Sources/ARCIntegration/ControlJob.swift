import Foundation

/// A job A-REX has handed to the LRMS, with what its control files say about it (spec §3.3, step 4).
public struct ControlJob: Sendable, Hashable {
    /// The A-REX states in which a job is the LRMS's business.
    public enum State: String, Sendable, Hashable {
        case inLRMS = "INLRMS"
        case canceling = "CANCELING"
    }

    /// A-REX's (grid) job id.
    public var id: String
    public var state: State
    public var controlDirectory: ControlDirectory
    /// arkd's job id: `localid=` in `.local`, else the first `joboption_jobid` in the GRAMI file.
    public var localID: String?
    /// `sessiondir=` in `.local`, else `joboption_directory`; `.diag` and `.comment` sit beside it.
    /// Only an absolute path is taken: a relative one would resolve against the scan's working
    /// directory.
    public var sessionDirectory: String?
    /// The job's mapped user: the owner of `.local` (else of the GRAMI file).
    public var owner: UserIdentity?
    /// `joboption_count`, for `Processors=` in `.diag`.
    public var processors: Int?
    /// `lrms_done` exists: the job was reported already.
    public var isReported: Bool

    public init(id: String, state: State, controlDirectory: ControlDirectory, localID: String?,
                sessionDirectory: String?, owner: UserIdentity?, processors: Int?, isReported: Bool) {
        self.id = id
        self.state = state
        self.controlDirectory = controlDirectory
        self.localID = localID
        self.sessionDirectory = sessionDirectory.flatMap(Self.absolute)
        self.owner = owner
        self.processors = processors
        self.isReported = isReported
    }

    /// Reads the job's `.local` and GRAMI files. A job already reported (`lrms_done`) is returned
    /// without reading them, for the caller to skip.
    public static func read(id: String, state: State, in directory: ControlDirectory) throws(ARCFileError) -> ControlJob {
        var job = ControlJob(id: id, state: state, controlDirectory: directory, localID: nil, sessionDirectory: nil,
                             owner: nil, processors: nil, isReported: false)
        if try PlainFile.size(directory.path(of: .lrmsDone, job: id)) != nil {
            job.isReported = true
            return job
        }
        let localPath = directory.path(of: .local, job: id)
        if let local = try PlainFile.contents(localPath) {
            let values = Self.keyValues(local, keys: ["localid", "sessiondir"])
            job.localID = values["localid"]
            job.sessionDirectory = values["sessiondir"].flatMap(Self.absolute)
            job.owner = try UserIdentity.owner(of: localPath)
        }
        let gramiPath = directory.path(of: .grami, job: id)
        if let bytes = try PlainFile.contents(gramiPath, limit: GRAMIFile.maximumSize) {
            let grami = GRAMIFile(path: gramiPath, bytes: bytes)
            if job.localID == nil { job.localID = grami.localID.flatMap { $0.isEmpty ? nil : $0 } }
            if job.sessionDirectory == nil { job.sessionDirectory = grami.sessionDirectory.flatMap(Self.absolute) }
            if job.owner == nil { job.owner = try UserIdentity.owner(of: gramiPath) }
            job.processors = grami.processorCount
        }
        return job
    }

    public func path(of file: ControlDirectory.File) -> String {
        controlDirectory.path(of: file, job: id)
    }

    /// `<sessiondir>.diag`: accounting for A-REX, which moves it into the control directory as soon
    /// as it sees `lrms_done` (spec §5).
    public var diagPath: String? { sessionDirectory.map { $0 + ".diag" } }

    /// `<sessiondir>.comment`: the LRMS's own output about the job, for the user's `errors` file.
    public var commentPath: String? { sessionDirectory.map { $0 + ".comment" } }

    /// The arkd id A-REX recorded for the job's previous attempt: `localid=` in its .local file,
    /// beside the GRAMI file (`job.<ID>.local` in ARC 6, `local` in ARC 7's job directory).
    public static func recordedLocalID(besideGRAMI grami: String) -> String? {
        let local = grami.hasSuffix(".grami") ? String(grami.dropLast("grami".count)) + "local"
            : grami.hasSuffix("/grami") ? String(grami.dropLast("grami".count)) + "local" : nil
        guard let local, let bytes = try? PlainFile.contents(local) else { return nil }
        return keyValues(bytes, keys: ["localid"])["localid"]
    }

    private static func absolute(_ path: String) -> String? {
        path.hasPrefix("/") && path.count > 1 ? path : nil
    }

    /// The first value of each wanted key in a `key=value` file (`.local`).
    static func keyValues(_ bytes: [UInt8], keys: Set<String>) -> [String: String] {
        var result: [String: String] = [:]
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            guard let equals = line.firstIndex(of: UInt8(ascii: "=")) else { continue }
            let key = String(decoding: line[line.startIndex..<equals], as: UTF8.self)
            guard keys.contains(key), result[key] == nil else { continue }
            let value = String(decoding: line[(equals + 1)...], as: UTF8.self)
            if !value.isEmpty { result[key] = value }
        }
        return result
    }
}
