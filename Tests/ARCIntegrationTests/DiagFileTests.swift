@testable import ARCIntegration
import Foundation
import Testing

@Suite(".diag accounting")
struct DiagFileTests {
    private let accounting = ARCAccounting(
        startedAt: Date(timeIntervalSince1970: 1_795_314_700), endedAt: Date(timeIntervalSince1970: 1_795_314_705.4),
        wallSeconds: 5.4, userCPUSeconds: 1.234, systemCPUSeconds: 0.05, maxResidentKiB: 2152, nodeName: "node-1")

    @Test("every key ARC's accounting reads, in its units, exitcode last")
    func rendering() {
        let end = ARCJobEnd(outcome: .finished(exitCode: 3), accounting: accounting)
        #expect(DiagFile.render(end, processors: 2, mark: LRMSDoneMark(end)) == """
            nodename=node-1
            Processors=2
            WallTime=5.40s
            UserTime=1.23s
            KernelTime=0.05s
            MaxResidentMemory=2152kB
            LRMSStartTime=20261122023140Z
            LRMSEndTime=20261122023145Z
            exitcode=3

            """)
    }

    @Test("what is unknown is left out; exitcode follows lrms_done when no process exited; a missing job adds nothing")
    func partial() {
        let failed = ARCJobEnd(outcome: .failed(reason: "pod deleted externally", exitCode: nil),
                               accounting: ARCAccounting(nodeName: "node-2"))
        #expect(DiagFile.render(failed, processors: nil, mark: LRMSDoneMark(failed)) == "nodename=node-2\nexitcode=-1\n")
        let killed = ARCJobEnd(outcome: .killed(exitCode: nil))
        #expect(DiagFile.render(killed, processors: 1, mark: LRMSDoneMark(killed)) == "Processors=1\nexitcode=271\n")
        let walltime = ARCJobEnd(outcome: .failed(reason: "wall time limit exceeded", exitCode: 265),
                                 accounting: ARCAccounting(startedAt: Date(timeIntervalSince1970: 0),
                                                           endedAt: Date(timeIntervalSince1970: 61)))
        #expect(DiagFile.render(walltime, processors: nil, mark: LRMSDoneMark(walltime))
                == "WallTime=61.00s\nLRMSStartTime=19700101000000Z\nLRMSEndTime=19700101000101Z\nexitcode=265\n")
        let missing = ARCJobEnd(outcome: .missing)
        #expect(DiagFile.render(missing, processors: 4, mark: LRMSDoneMark(missing)) == "")
    }

    @Test("the container image is the worker-node instance ARC's accounting records")
    func image() {
        let end = ARCJobEnd(outcome: .finished(exitCode: 0),
                            accounting: ARCAccounting(nodeName: "node-3", image: "docker.io/library/alpine:3.20"))
        #expect(DiagFile.render(end, processors: nil, mark: LRMSDoneMark(end))
                == "nodename=node-3\nwninstance=docker.io/library/alpine:3.20\nexitcode=0\n")
    }

    @Test("seconds with two decimals, MDS times in UTC")
    func formats() {
        #expect(DiagFile.seconds(0) == "0.00" && DiagFile.seconds(0.004) == "0.00" && DiagFile.seconds(12.345) == "12.35")
        #expect(DiagFile.seconds(-1) == "0.00" && DiagFile.seconds(3600) == "3600.00")
        #expect(DiagFile.mdsTime(Date(timeIntervalSince1970: 951_782_400.9)) == "20000229000000Z")
    }

    @Test("appended after what the wrapper wrote, which stays")
    func appending() throws {
        let fixture = try ControlFixture(layout: .flat)
        try fixture.addJob("D1", localID: "a1", diag: "runtimeenvironments=\nexitcode=0\n")
        let path = fixture.sessionDirectory("D1") + ".diag"
        try DiagFile.append("WallTime=1.00s\nexitcode=3\n", to: path, as: nil)
        #expect(fixture.read(path) == "runtimeenvironments=\nexitcode=0\nWallTime=1.00s\nexitcode=3\n")
    }
}
