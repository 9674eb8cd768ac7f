import ARCIntegration
import Foundation

/// A scratch control directory (either layout) and session area, with jobs as A-REX leaves them
/// when they are INLRMS; removed when the test ends.
final class ControlFixture {
    let root: String
    let directory: ControlDirectory
    let sessionRoot: String

    init(layout: ControlDirectory.Layout) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("arc-tests-\(UUID().uuidString)").path
        let control = root + "/control"
        sessionRoot = root + "/session"
        for path in [control + "/processing", sessionRoot] + (layout == .nested ? [control + "/jobs"] : []) {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        directory = try ControlDirectory.open(control)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    func sessionDirectory(_ id: String) -> String { sessionRoot + "/" + id }

    /// A job as A-REX leaves it in the LRMS: its state file, `.local` (with `localid=` unless
    /// `localInGRAMIOnly`), the GRAMI file, `errors`, the session directory with `.diag` and
    /// `.comment` beside it.
    func addJob(_ id: String, state: String = "INLRMS", localID: String?, localInGRAMIOnly: Bool = false,
                count: Int? = 1, diag: String = "", comment: String = "", errors: String = "") throws {
        let session = sessionDirectory(id)
        try FileManager.default.createDirectory(atPath: session, withIntermediateDirectories: true)
        if directory.layout == .nested {
            try FileManager.default.createDirectory(atPath: directory.jobDirectory(id), withIntermediateDirectories: true)
        }
        try write(state, to: directory.statusFile(job: id))
        var local = "globalid=https://ce.example.org/arex/\(id)\nlrms=arkd\nqueue=default\n"
        if let localID, !localInGRAMIOnly { local += "localid=\(localID)\n" }
        local += "sessiondir=\(session)\n"
        try write(local, to: directory.path(of: .local, job: id))
        var grami = "joboption_directory='\(session)'\njoboption_arg_0='/bin/true'\n"
        if let count { grami += "joboption_count=\(count)\n" }
        grami += "joboption_gridid='\(id)'\n"
        if let localID { grami += "joboption_jobid=\(localID)\n" }
        try write(grami, to: directory.path(of: .grami, job: id))
        try write(errors, to: directory.path(of: .errors, job: id))
        try write(diag, to: session + ".diag")
        try write(comment, to: session + ".comment")
    }

    func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    func read(_ file: ControlDirectory.File, of id: String) -> String? {
        read(directory.path(of: file, job: id))
    }

    func diag(of id: String) -> String? { read(sessionDirectory(id) + ".diag") }

    /// The inode of a file: a rename gives a new one, so an unchanged inode means "not rewritten".
    func inode(_ path: String) -> UInt64? {
        var status = stat()
        return lstat(path, &status) == 0 ? UInt64(status.st_ino) : nil
    }

    /// An executable shell script in the fixture, e.g. a fake gm-kick.
    func script(_ name: String, _ body: String) throws -> String {
        let path = root + "/" + name
        try write("#!/bin/sh\n" + body + "\n", to: path)
        chmod(path, 0o755)
        return path
    }
}

/// How many times `needle` occurs in `text`.
func occurrences(of needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
}
