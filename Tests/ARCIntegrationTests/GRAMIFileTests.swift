@testable import ARCIntegration
import Foundation
import Testing

@Suite("GRAMI files")
struct GRAMIFileTests {
    private let text = #"""
        joboption_directory='/var/spool/arc/session/KKMND'
        joboption_arg_0='/bin/sh'
        joboption_arg_2='echo it'\''s here'
        joboption_env_0=GRID_GLOBAL_JOBID='KKMND'
        joboption_jobname="a \"quoted\" name"
        joboption_count=4
        joboption_queue=default # trailing comment
        joboption_gridid='KKMND'
        joboption_jobid=first-id
        joboption_jobid=second-id
        joboption_count=8

        """#

    @Test("values are unquoted as A-REX quotes them; jobid is the first, the rest the last")
    func values() {
        let file = GRAMIFile(path: "job.KKMND.grami", bytes: Array(text.utf8))
        #expect(file.values("arg_2") == ["echo it's here"])
        #expect(file.value("env_0") == "GRID_GLOBAL_JOBID=KKMND")
        #expect(file.value("jobname") == #"a "quoted" name"#)
        #expect(file.value("queue") == "default")
        #expect(file.localID == "first-id")
        #expect(file.gridID == "KKMND")
        #expect(file.sessionDirectory == "/var/spool/arc/session/KKMND")
        #expect(file.processorCount == 8)
        #expect(file.value("arg_1") == nil)
        #expect(file.isJobOptions)
        #expect(!GRAMIFile(path: "x.xrsl", bytes: Array("&(executable=/bin/true)".utf8)).isJobOptions)
    }

    @Test("the arkd id is appended as one newline-terminated line, after a missing final newline")
    func appending() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("grami-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let complete = directory.appendingPathComponent("job.A.grami").path
        let unterminated = directory.appendingPathComponent("job.B.grami").path
        try Data("joboption_gridid='A'\n".utf8).write(to: URL(fileURLWithPath: complete))
        try Data("joboption_gridid='B'".utf8).write(to: URL(fileURLWithPath: unterminated))
        try GRAMIFile.appendJobID("abcdef0123456789", to: complete)
        try GRAMIFile.appendJobID("it's odd", to: unterminated)
        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: complete)), as: UTF8.self)
                == "joboption_gridid='A'\njoboption_jobid=abcdef0123456789\n")
        let second = try GRAMIFile.read(unterminated)
        #expect(String(decoding: second.bytes, as: UTF8.self) == #"joboption_gridid='B'"# + "\n" + #"joboption_jobid='it'\''s odd'"# + "\n")
        #expect(second.localID == "it's odd" && second.gridID == "B")
        #expect(throws: ARCFileError.self) { try GRAMIFile.appendJobID("x", to: directory.path + "/missing.grami") }
    }
}
