@testable import ARCIntegration
import Foundation
import Testing

@Suite("atomic replacement")
struct AtomicFileTests {
    @Test("the target is replaced whole, with its mode, and no temporary file is left")
    func replace() throws {
        let fixture = try ControlFixture(layout: .flat)
        let path = fixture.directory.path + "/job.X.lrms_done"
        try AtomicFile.write(Array("0 first\n".utf8), to: path)
        let first = fixture.inode(path)
        try AtomicFile.write(Array("271 Job was cancelled\n".utf8), to: path, mode: 0o640)
        #expect(fixture.read(path) == "271 Job was cancelled\n")
        #expect(fixture.inode(path) != first, "a rename, not a rewrite in place")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o640)
        #expect(!FileManager.default.fileExists(atPath: AtomicFile.temporaryPath(for: path)))
        #expect(AtomicFile.temporaryPath(for: "/c/job.X.lrms_done") == "/c/.job.X.lrms_done.arkd-tmp")
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.directory.path).filter { $0.hasPrefix(".") } == [])
    }

    @Test("a temporary file left by a killed writer is reused and renamed away")
    func leftover() throws {
        let fixture = try ControlFixture(layout: .flat)
        let path = fixture.directory.path + "/job.Y.lrms_done"
        try fixture.write("0 half", to: AtomicFile.temporaryPath(for: path))
        try AtomicFile.write(Array("3 Job finished with exit code 3\n".utf8), to: path)
        #expect(fixture.read(path) == "3 Job finished with exit code 3\n")
        #expect(!FileManager.default.fileExists(atPath: AtomicFile.temporaryPath(for: path)))
    }

    @Test("a target in a missing directory is an error, and nothing is left behind")
    func failure() throws {
        #expect(throws: ARCFileError.self) { try AtomicFile.write([1], to: "/nonexistent-dir/file") }
    }
}
