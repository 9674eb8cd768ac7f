@testable import ARCIntegration
import Foundation
import Testing

@Suite("control directories, ARC 6 and ARC 7")
struct ControlDirectoryTests {
    @Test("the layout is told by the jobs/ directory; per-job paths follow it")
    func paths() throws {
        let flat = try ControlFixture(layout: .flat)
        let nested = try ControlFixture(layout: .nested)
        #expect(flat.directory.layout == .flat && nested.directory.layout == .nested)
        let id = "KKMNDmqbxyWm7oGTLoVqnpfnABFKDmABFKDmYNFKDmABFKDmw8pSeo"
        let c6 = flat.directory.path
        let c7 = nested.directory.path
        #expect(flat.directory.path(of: .local, job: id) == "\(c6)/job.\(id).local")
        #expect(flat.directory.path(of: .lrmsDone, job: id) == "\(c6)/job.\(id).lrms_done")
        #expect(flat.directory.statusFile(job: id) == "\(c6)/processing/job.\(id).status")
        #expect(flat.directory.kickTarget(job: id) == "\(c6)/job.\(id).local")
        #expect(nested.directory.path(of: .grami, job: id)
                == "\(c7)/jobs/KKM/NDm/qbx/yWm7oGTLoVqnpfnABFKDmABFKDmYNFKDmABFKDmw8pSeo/grami")
        #expect(nested.directory.path(of: .errors, job: "abcdefghij") == "\(c7)/jobs/abc/def/ghi/j/errors")
        #expect(nested.directory.jobDirectory("abcdefghi") == "\(c7)/jobs/abc/def/ghi")
        #expect(nested.directory.jobDirectory("abcd") == "\(c7)/jobs/abc/d")
        #expect(nested.directory.statusFile(job: id) == "\(c7)/processing/\(id).status")
        #expect(nested.directory.kickTarget(job: id) == c7)
        #expect(throws: ARCFileError.self) { try ControlDirectory.open(flat.root + "/nonexistent") }
    }

    @Test("a grid id from a control file's path, either layout")
    func gridIDs() {
        #expect(ControlDirectory.gridID(ofControlFile: "/var/spool/arc/jobstatus/job.KKMND.grami") == "KKMND")
        #expect(ControlDirectory.gridID(ofControlFile: "job.A.B.grami") == "A.B")
        #expect(ControlDirectory.gridID(ofControlFile: "/c/jobs/abc/def/ghi/jkl/grami") == "abcdefghijkl")
        #expect(ControlDirectory.gridID(ofControlFile: "/tmp/some.grami") == nil)
        #expect(ControlDirectory.gridID(ofControlFile: "/c/job..grami") == nil)
    }

    @Test("only INLRMS and CANCELING jobs are listed, by state file name of the layout", arguments: [
        ControlDirectory.Layout.flat, .nested,
    ])
    func listing(_ layout: ControlDirectory.Layout) throws {
        let fixture = try ControlFixture(layout: layout)
        try fixture.addJob("job1run", localID: "a1")
        try fixture.addJob("job2cancel", state: "CANCELING", localID: "a2")
        try fixture.addJob("job3fin", state: "FINISHING", localID: "a3")
        try fixture.addJob("job4pend", state: "PENDING:INLRMS", localID: "a4")
        try fixture.addJob("job5nl", state: "INLRMS\n", localID: "a5")
        // The other layout's name, and unrelated files, are not jobs of this directory.
        let other = layout == .flat ? "stray.status" : "job.stray.status"
        try fixture.write("INLRMS", to: fixture.directory.path + "/processing/" + other)
        try fixture.write("INLRMS", to: fixture.directory.path + "/processing/.job.x.status.tmp")
        let jobs = try fixture.directory.jobsInLRMS()
        #expect(jobs.map(\.id) == ["job1run", "job2cancel", "job5nl"])
        #expect(jobs.map(\.state) == [.inLRMS, .canceling, .inLRMS])
    }

    @Test("a job's arkd id, session directory, owner and slots from .local, else the GRAMI file", arguments: [
        ControlDirectory.Layout.flat, .nested,
    ])
    func reading(_ layout: ControlDirectory.Layout) throws {
        let fixture = try ControlFixture(layout: layout)
        try fixture.addJob("LOCAL", localID: "from-local", count: 4)
        try fixture.addJob("GRAMI", localID: "from-grami", localInGRAMIOnly: true, count: nil)
        try fixture.addJob("NONE", localID: nil)
        try fixture.addJob("DONE", localID: "done")
        try fixture.write("0 ok\n", to: fixture.directory.path(of: .lrmsDone, job: "DONE"))

        let local = try ControlJob.read(id: "LOCAL", state: .inLRMS, in: fixture.directory)
        #expect(local.localID == "from-local" && local.processors == 4 && !local.isReported)
        #expect(local.sessionDirectory == fixture.sessionDirectory("LOCAL"))
        #expect(local.diagPath == fixture.sessionDirectory("LOCAL") + ".diag")
        #expect(local.owner == UserIdentity(uid: geteuid(), gid: getegid()))
        let grami = try ControlJob.read(id: "GRAMI", state: .inLRMS, in: fixture.directory)
        #expect(grami.localID == "from-grami" && grami.processors == nil)
        #expect(try ControlJob.read(id: "NONE", state: .inLRMS, in: fixture.directory).localID == nil)
        try fixture.write("localid=x\nsessiondir=relative/dir\n", to: fixture.directory.path(of: .local, job: "NONE"))
        try fixture.write("joboption_directory=also/relative\n", to: fixture.directory.path(of: .grami, job: "NONE"))
        let relative = try ControlJob.read(id: "NONE", state: .inLRMS, in: fixture.directory)
        #expect(relative.sessionDirectory == nil && relative.diagPath == nil, "never resolved against the working directory")
        try fixture.write("", to: fixture.directory.path(of: .local, job: "NONE"))
        try fixture.write("", to: fixture.directory.path(of: .grami, job: "NONE"))
        #expect(try ControlJob.read(id: "DONE", state: .inLRMS, in: fixture.directory).isReported)

        let scan = LRMSScan.collect([fixture.directory])
        #expect(scan.jobs.map(\.id) == ["GRAMI", "LOCAL"])
        #expect(scan.localIDs == ["from-grami", "from-local"])
        #expect(scan.problems.count == 1 && scan.problems[0].contains("job NONE"))
    }

    @Test("the arkd id A-REX recorded for a job, read from the .local beside its GRAMI file", arguments: [
        ControlDirectory.Layout.flat, .nested,
    ])
    func recordedLocalID(_ layout: ControlDirectory.Layout) throws {
        let fixture = try ControlFixture(layout: layout)
        try fixture.addJob("LOCAL", localID: "from-local")
        try fixture.addJob("GRAMI", localID: "from-grami", localInGRAMIOnly: true)
        let grami = { (id: String) in fixture.directory.path(of: .grami, job: id) }
        #expect(ControlJob.recordedLocalID(besideGRAMI: grami("LOCAL")) == "from-local")
        #expect(ControlJob.recordedLocalID(besideGRAMI: grami("GRAMI")) == nil, "only A-REX's record counts")
        #expect(ControlJob.recordedLocalID(besideGRAMI: fixture.root + "/elsewhere.txt") == nil)
    }

    @Test("a missing control directory is a problem, the others are still scanned; a locked one is skipped")
    func directories() throws {
        let fixture = try ControlFixture(layout: .flat)
        let acquired = ScanLock.acquire([fixture.root + "/missing", fixture.directory.path])
        #expect(acquired.directories == [fixture.directory] && acquired.problems.count == 1)
        withExtendedLifetime(acquired.locks) {
            let second = ScanLock.acquire([fixture.directory.path])
            #expect(second.directories.isEmpty && second.problems.first?.contains("another scan") == true)
        }
    }
}
