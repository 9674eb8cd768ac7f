import ARCIntegration
import Foundation
import Testing

/// The scan's file work without the daemon: what it writes for ended jobs, and that a pass killed at
/// any step is completed by the next without writing anything twice.
@Suite("scan passes", .serialized)
struct ScanTests {
    private static let accounting = ARCAccounting(
        startedAt: Date(timeIntervalSince1970: 1_795_314_700), endedAt: Date(timeIntervalSince1970: 1_795_314_710),
        wallSeconds: 10, userCPUSeconds: 2, systemCPUSeconds: 1, maxResidentKiB: 4096, nodeName: "node-1")

    private static func end(_ index: Int) -> ARCJobEnd {
        switch index % 4 {
        case 0: ARCJobEnd(outcome: .finished(exitCode: 0), accounting: accounting)
        case 1: ARCJobEnd(outcome: .finished(exitCode: 3), accounting: accounting)
        case 2: ARCJobEnd(outcome: .killed(exitCode: nil), accounting: accounting)
        default: ARCJobEnd(outcome: .missing)
        }
    }

    private static let expectedDone = ["0 Job finished successfully\n", "3 Job finished with exit code 3\n",
                                       "271 Job was cancelled\n", "-1 Job missing from arkd\n"]

    @Test("ended jobs get .diag, errors, lrms_done and one gm-kick per directory; others are left alone",
          arguments: [ControlDirectory.Layout.flat, .nested])
    func pass(_ layout: ControlDirectory.Layout) throws {
        let fixture = try ControlFixture(layout: layout)
        let kicks = fixture.root + "/kicks"
        let kick = GMKick(path: try fixture.script("gm-kick", "echo \"$@\" >> '\(kicks)'"))
        for index in 0..<5 {
            try fixture.addJob("job\(index)", state: index == 2 ? "CANCELING" : "INLRMS", localID: "arkd\(index)",
                               count: 2, diag: "runtimeenvironments=\n", comment: index == 0 ? "" : "output of \(index)\n",
                               errors: "state changes\n")
        }
        let scan = LRMSScan.collect([fixture.directory])
        #expect(scan.localIDs == (0..<5).map { "arkd\($0)" })
        // arkd0..3 ended; arkd4 is still running.
        let result = scan.finish(Dictionary(uniqueKeysWithValues: (0..<4).map { ("arkd\($0)", Self.end($0)) }), kick: kick)
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.reports.filter(\.isDone).count == 4)
        for index in 0..<4 {
            let id = "job\(index)"
            #expect(fixture.read(.lrmsDone, of: id) == Self.expectedDone[index])
            let diag = try #require(fixture.diag(of: id))
            #expect(diag.hasPrefix("runtimeenvironments=\n"))
            if index == 3 {
                #expect(diag == "runtimeenvironments=\n", "nothing is known of a missing job")
            } else {
                #expect(diag.contains("nodename=node-1\nProcessors=2\nWallTime=10.00s\nUserTime=2.00s\nKernelTime=1.00s\n"
                                      + "MaxResidentMemory=4096kB\nLRMSStartTime=20261122023140Z\n"
                                      + "LRMSEndTime=20261122023150Z\nexitcode="))
                #expect(diag.hasSuffix(["exitcode=0\n", "exitcode=3\n", "exitcode=271\n"][index]))
            }
            let errors = try #require(fixture.read(.errors, of: id))
            #expect(errors.hasPrefix("state changes\n"))
            #expect(occurrences(of: ErrorsAppend.startMarker, in: errors) == (index == 0 ? 0 : 1), "\(errors)")
            if index > 0 { #expect(errors.contains("\(ErrorsAppend.startMarker)\noutput of \(index)\n\(ErrorsAppend.endMarker)\n")) }
        }
        #expect(fixture.read(.lrmsDone, of: "job4") == nil && fixture.read(.errors, of: "job4") == "state changes\n")
        #expect(fixture.diag(of: "job4") == "runtimeenvironments=\n")
        let target = layout == .flat ? fixture.directory.path(of: .local, job: "job0") : fixture.directory.path
        #expect(fixture.read(kicks) == "-j job0 -j job1 -j job2 -j job3 \(target)\n")
        // The next pass asks only about the job still running.
        #expect(LRMSScan.collect([fixture.directory]).localIDs == ["arkd4"])
    }

    @Test("a pass killed after any step is completed by the next one: every file written once",
          arguments: [ControlDirectory.Layout.flat, .nested])
    func interrupted(_ layout: ControlDirectory.Layout) throws {
        let fixture = try ControlFixture(layout: layout)
        let kicks = fixture.root + "/kicks"
        let kick = GMKick(path: try fixture.script("gm-kick", "echo \"$@\" >> '\(kicks)'"))
        let count = 12
        for index in 0..<count {
            // job0 also has an earlier run's block in errors (A-REX restarted it): that one must not
            // make the scan think its own block is there.
            let earlier = index == 0 ? ErrorsAppend.startMarker + "\nrun 1\n" + ErrorsAppend.endMarker + "\n" : ""
            try fixture.addJob("job\(index)", localID: "arkd\(index)", diag: "runtimeenvironments=\n",
                               comment: "output \(index)\n", errors: "state changes\n" + earlier)
        }
        let ends = Dictionary(uniqueKeysWithValues: (0..<count).map { ("arkd\($0)", Self.end($0)) })
        let finisher = JobFinisher()

        // The first pass dies at a different step for each job of the first half: before anything,
        // after .diag, after errors, after lrms_done (before gm-kick).
        let first = LRMSScan.collect([fixture.directory])
        var doneInodes: [String: UInt64] = [:]
        for job in first.jobs {
            guard let number = Int(job.id.dropFirst(3)), number < count / 2, let end = ends[job.localID ?? ""] else { continue }
            let mark = LRMSDoneMark(end)
            if number % 4 >= 1 { try finisher.appendDiag(job, end: end, mark: mark) }
            if number % 4 >= 2 { try finisher.appendErrors(job) }
            if number % 4 >= 3 {
                try finisher.writeDone(job, mark: mark)
                doneInodes[job.id] = fixture.inode(fixture.directory.path(of: .lrmsDone, job: job.id))
            }
        }

        // The whole pass again, twice.
        for _ in 0..<2 {
            let scan = LRMSScan.collect([fixture.directory])
            let result = scan.finish(ends, kick: kick)
            #expect(result.problems.isEmpty, "\(result.problems)")
        }

        for index in 0..<count {
            let id = "job\(index)"
            #expect(fixture.read(.lrmsDone, of: id) == Self.expectedDone[index % 4], "\(id)")
            if let inode = doneInodes[id] {
                #expect(fixture.inode(fixture.directory.path(of: .lrmsDone, job: id)) == inode, "\(id): lrms_done rewritten")
            }
            let diag = try #require(fixture.diag(of: id))
            #expect(occurrences(of: "WallTime=", in: diag) == (index % 4 == 3 ? 0 : 1), "\(id): \(diag)")
            #expect(occurrences(of: "exitcode=", in: diag) == (index % 4 == 3 ? 0 : 1), "\(id): \(diag)")
            let errors = try #require(fixture.read(.errors, of: id))
            #expect(occurrences(of: "output \(index)\n", in: errors) == 1, "\(id): \(errors)")
            #expect(occurrences(of: ErrorsAppend.startMarker, in: errors) == (index == 0 ? 2 : 1), "\(id): \(errors)")
        }
        // Kicked once each, except the jobs whose lrms_done the killed pass had written already.
        let kicked = (fixture.read(kicks) ?? "").split(separator: " ").filter { $0.hasPrefix("job") }.map(String.init)
        let reported = doneInodes.keys
        #expect(Set(kicked).count == kicked.count)
        #expect(Set(kicked) == Set((0..<count).map { "job\($0)" }).subtracting(reported))
    }

    @Test("an append is skipped only for the very lines it would add: other runs' lines do not count")
    func sameLinesOnly() throws {
        let fixture = try ControlFixture(layout: .flat)
        // What an earlier run of the job left (A-REX moved its .diag away; errors keeps its block).
        let earlier = ErrorsAppend.startMarker + "\nout\n" + ErrorsAppend.endMarker + "\n"
        try fixture.addJob("J", localID: "arkd-j", diag: "exitcode=3\n", comment: "out\nmore\n", errors: earlier)
        let result = LRMSScan.collect([fixture.directory]).finish(["arkd-j": Self.end(1)], kick: nil)
        #expect(result.problems.isEmpty)
        #expect(fixture.diag(of: "J").map { occurrences(of: "exitcode=3\n", in: $0) } == 2)
        #expect(fixture.read(.errors, of: "J") == earlier + ErrorsAppend.startMarker + "\nout\nmore\n" + ErrorsAppend.endMarker + "\n")
    }

    @Test("a pass that never gets an answer writes nothing")
    func collectWritesNothing() throws {
        let fixture = try ControlFixture(layout: .nested)
        try fixture.addJob("abcdefghijkl", localID: "x", comment: "out\n")
        let before = try FileManager.default.subpathsOfDirectory(atPath: fixture.root).sorted()
        let scan = LRMSScan.collect([fixture.directory])
        #expect(scan.jobs.count == 1)
        #expect(try FileManager.default.subpathsOfDirectory(atPath: fixture.root).sorted() == before)
    }

    @Test("gm-kick: batches of -j per directory; a missing program is skipped; a failing one is reported")
    func kicking() throws {
        let fixture = try ControlFixture(layout: .flat)
        let kick = GMKick(path: "/bin/true", batchSize: 2)
        let lists = kick.argumentLists(for: ["a", "b", "c"], in: fixture.directory)
        #expect(lists == [["-j", "a", "-j", "b", fixture.directory.path(of: .local, job: "a")],
                          ["-j", "c", fixture.directory.path(of: .local, job: "c")]])
        #expect(GMKick(path: fixture.root + "/no-gm-kick").kick(["a"], in: fixture.directory).isEmpty)
        #expect(kick.kick(["a", "b", "c"], in: fixture.directory).isEmpty)
        let failing = GMKick(path: try fixture.script("failing", "exit 4"))
        #expect(failing.kick(["a"], in: fixture.directory).first?.contains("status 4") == true)
    }
}
