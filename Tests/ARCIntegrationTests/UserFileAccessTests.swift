import ARCIntegration
import Foundation
import Testing

/// Needs root, as the scan runs: only root can take another user's file-system identity.
@Suite("writing as the job's user", .enabled(if: geteuid() == 0, "needs root"))
struct UserFileAccessTests {
    private let nobody = UserIdentity(uid: 65534, gid: 65534)

    @Test("the user's file is appended to and keeps its owner; root's own file is refused while switched")
    func permissions() throws {
        let fixture = try ControlFixture(layout: .flat)
        let users = fixture.root + "/user.diag"
        let roots = fixture.root + "/root.diag"
        try fixture.write("wrapper=1\n", to: users)
        try fixture.write("secret\n", to: roots)
        chown(users, nobody.uid, nobody.gid)
        chmod(users, 0o600)
        chmod(roots, 0o600)

        try DiagFile.append("exitcode=0\n", to: users, as: nobody)
        #expect(fixture.read(users) == "wrapper=1\nexitcode=0\n")
        #expect(try UserIdentity.owner(of: users) == nobody)
        #expect(throws: ARCFileError.self) { try DiagFile.append("exitcode=0\n", to: roots, as: nobody) }
        #expect(fixture.read(roots) == "secret\n")
        // Back to root afterwards: root's file takes the write again.
        try DiagFile.append("more\n", to: roots, as: nil)
        #expect(fixture.read(roots) == "secret\nmore\n")
    }

    @Test("a file created while switched belongs to the user, as on a root-squashed NFS mount")
    func creation() throws {
        let fixture = try ControlFixture(layout: .flat)
        let area = fixture.root + "/area"
        try FileManager.default.createDirectory(atPath: area, withIntermediateDirectories: true)
        chown(area, nobody.uid, nobody.gid)
        try DiagFile.append("exitcode=1\n", to: area + "/new.diag", as: nobody)
        #expect(try UserIdentity.owner(of: area + "/new.diag") == nobody)
        // In root's directory the user may not create anything.
        #expect(throws: ARCFileError.self) { try DiagFile.append("x\n", to: fixture.root + "/other.diag", as: nobody) }
        #expect(!FileManager.default.fileExists(atPath: fixture.root + "/other.diag"))
    }

    @Test("the switch is the calling thread's only: another thread stays root meanwhile")
    func perThread() throws {
        let fixture = try ControlFixture(layout: .flat)
        let roots = fixture.root + "/root-only"
        try fixture.write("", to: roots)
        chmod(roots, 0o600)
        // Started before the switch: a thread made while switched would inherit the user's identity.
        let go = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let result = ResultBox()
        Thread {
            go.wait()
            result.set((try? DiagFile.append("root\n", to: roots, as: nil)) != nil)
            done.signal()
        }.start()
        let switchedThreadWrote = try UserFileAccess.perform(as: nobody) { () -> Bool in
            go.signal()
            done.wait()
            return (try? DiagFile.append("user\n", to: roots, as: nil)) != nil
        }
        #expect(result.get(), "the other thread kept root's identity")
        #expect(!switchedThreadWrote, "this one had the user's")
        #expect(fixture.read(roots) == "root\n")
    }

    private final class ResultBox: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        func set(_ newValue: Bool) { lock.withLock { value = newValue } }
        func get() -> Bool { lock.withLock { value } }
    }
}
