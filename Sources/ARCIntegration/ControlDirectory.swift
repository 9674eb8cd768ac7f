import Foundation
import Glibc

/// A-REX's control directory (`[arex] controldir`): where the scan finds the jobs A-REX has in the
/// LRMS and where each job's control files live (spec §3.3, §10).
///
/// ARC 6 keeps every job's files flat (`job.<ID>.local`) and its state in
/// `processing/job.<ID>.status`. ARC 7 moves a job's files into `jobs/<3>/<3>/<3>/<rest>/<suffix>`
/// (the id's first nine characters as three directories, then the rest) and names the state file
/// `processing/<ID>.status`. Which one a directory uses is told by the `jobs` directory, which only
/// ARC 7 makes.
public struct ControlDirectory: Sendable, Hashable {
    public enum Layout: String, Sendable, Hashable {
        /// ARC 6: `<controldir>/job.<ID>.<suffix>`.
        case flat
        /// ARC 7: `<controldir>/jobs/abc/def/ghi/<rest>/<suffix>`.
        case nested
    }

    /// The per-job control files the backend reads or writes.
    public enum File: String, Sendable, CaseIterable {
        case local
        case grami
        case errors
        case lrmsDone = "lrms_done"
    }

    public let path: String
    public let layout: Layout

    public init(path: String, layout: Layout) {
        self.path = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        self.layout = layout
    }

    /// The control directory at `path`, with its layout.
    public static func open(_ path: String) throws(ARCFileError) -> ControlDirectory {
        guard isDirectory(path) else {
            throw ARCFileError(operation: "use the control directory", path: path, code: ENOTDIR,
                               detail: "no such directory")
        }
        return ControlDirectory(path: path, layout: isDirectory(path + "/jobs") ? .nested : .flat)
    }

    /// A job's control file.
    public func path(of file: File, job id: String) -> String {
        switch layout {
        case .flat: "\(path)/job.\(id).\(file.rawValue)"
        case .nested: "\(jobDirectory(id))/\(file.rawValue)"
        }
    }

    /// ARC 7's per-job directory, as its `control_path` makes it.
    public func jobDirectory(_ id: String) -> String {
        var components: [Substring] = []
        var rest = Substring(id)
        while components.count < 3, rest.count >= 3 {
            components.append(rest.prefix(3))
            rest = rest.dropFirst(3)
        }
        if !rest.isEmpty { components.append(rest) }
        return path + "/jobs/" + components.joined(separator: "/")
    }

    /// The state file A-REX keeps while it processes the job.
    public func statusFile(job id: String) -> String {
        switch layout {
        case .flat: "\(path)/processing/job.\(id).status"
        case .nested: "\(path)/processing/\(id).status"
        }
    }

    /// What `gm-kick` is given to find this directory: ARC 6 takes a job's `.local` file, ARC 7
    /// the control directory itself (spec §10).
    public func kickTarget(job id: String) -> String {
        switch layout {
        case .flat: path(of: .local, job: id)
        case .nested: path
        }
    }

    /// The jobs A-REX has in the LRMS: those whose state file holds `INLRMS` or `CANCELING`
    /// (spec §3.3, steps 1–2), sorted by id. Jobs that already have `lrms_done` are included;
    /// `ControlJob.read` tells them.
    public func jobsInLRMS() throws(ARCFileError) -> [(id: String, state: ControlJob.State)] {
        let processing = path + "/processing"
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: processing)
        } catch {
            if !Self.isDirectory(processing) { return [] }
            throw ARCFileError(operation: "list", path: processing, code: EIO, detail: error.localizedDescription)
        }
        var jobs: [(id: String, state: ControlJob.State)] = []
        for name in names {
            guard let id = jobID(ofStatusFile: name) else { continue }
            // A file that vanished meanwhile belongs to a job that changed state: not ours now.
            guard let bytes = try PlainFile.contents(processing + "/" + name, limit: 64),
                  let state = ControlJob.State(rawValue: String(decoding: bytes, as: UTF8.self)
                      .trimmingCharacters(in: .whitespacesAndNewlines))
            else { continue }
            jobs.append((id, state))
        }
        return jobs.sorted { $0.id < $1.id }
    }

    /// The grid id in a state file's name, if it is one of this layout's.
    func jobID(ofStatusFile name: String) -> String? {
        guard name.hasSuffix(".status"), !name.hasPrefix(".") else { return nil }
        let stem = name.dropLast(".status".count)
        switch layout {
        case .flat:
            guard stem.hasPrefix("job."), stem.count > 4 else { return nil }
            return String(stem.dropFirst(4))
        case .nested:
            guard !stem.isEmpty, !stem.contains("/"), !stem.hasPrefix("job.") else { return nil }
            return String(stem)
        }
    }

    /// The grid id a control file belongs to, read from its path: `…/job.<ID>.grami` (ARC 6) or
    /// `…/jobs/abc/def/ghi/<rest>/grami` (ARC 7).
    public static func gridID(ofControlFile path: String) -> String? {
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        guard let name = components.last else { return nil }
        if name.hasPrefix("job."), let dot = name.lastIndex(of: "."), dot > name.index(name.startIndex, offsetBy: 3) {
            let id = name[name.index(name.startIndex, offsetBy: 4)..<dot]
            return id.isEmpty ? nil : String(id)
        }
        guard let jobs = components.lastIndex(of: "jobs"), components.count - jobs >= 3 else { return nil }
        let parts = components[(jobs + 1)..<(components.count - 1)]
        return parts.isEmpty ? nil : parts.joined()
    }

    static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }
}
