import ARCIntegration
import Testing

@Suite("lrms_done codes and reasons")
struct LRMSDoneMarkTests {
    /// Every rule of the issue and spec §6, as a table: arkd's answer → the mark A-REX reads.
    static let table: [(ARCJobEnd.Outcome, Int, String)] = [
        (.finished(exitCode: 0), 0, "Job finished successfully"),
        (.finished(exitCode: 3), 3, "Job finished with exit code 3"),
        (.finished(exitCode: 265), 265, "Job was killed by signal 9"),
        (.finished(exitCode: nil), -1, "Job finished but arkd recorded no exit code"),
        (.failed(reason: "wall time limit exceeded (activeDeadlineSeconds 60)", exitCode: 265), 271,
         "Job exceeded walltime limit"),
        (.failed(reason: "wall time limit exceeded before the payload started", exitCode: nil), 271,
         "Job exceeded walltime limit"),
        (.failed(reason: "wall time limit of 60 s exceeded", exitCode: 0), 271, "Job exceeded walltime limit"),
        (.failed(reason: "memory limit exceeded (OOMKilled)", exitCode: 137), 137, "memory limit exceeded (OOMKilled)"),
        (.failed(reason: "memory limit of 100 MiB exceeded (120 MiB resident)", exitCode: 0), 265,
         "memory limit of 100 MiB exceeded (120 MiB resident)"),
        (.failed(reason: "memory limit exceeded (OOMKilled)", exitCode: nil), 265, "memory limit exceeded (OOMKilled)"),
        (.failed(reason: "CPU time limit of 10 s exceeded", exitCode: 280), 280, "CPU time limit of 10 s exceeded"),
        (.failed(reason: "pod deleted externally", exitCode: nil), -1, "pod deleted externally"),
        (.failed(reason: "stage-out failed", exitCode: 0), -1, "stage-out failed"),
        (.failed(reason: nil, exitCode: nil), -1, "Job failed in arkd"),
        (.failed(reason: "evicted: node\nwent away", exitCode: nil), -1, "evicted: node went away"),
        (.killed(exitCode: nil), 271, "Job was cancelled"),
        (.killed(exitCode: 271), 271, "Job was cancelled"),
        (.deleted(reason: "session lifetime over", exitCode: 0), -1, "Job was deleted from arkd: session lifetime over"),
        (.deleted(reason: nil, exitCode: nil), -1, "Job was deleted from arkd"),
        (.missing, -1, "Job missing from arkd"),
    ]

    @Test("arkd's outcome gives ARC's code and reason", arguments: table.indices)
    func rule(_ index: Int) {
        let (outcome, code, reason) = Self.table[index]
        let mark = LRMSDoneMark(ARCJobEnd(outcome: outcome))
        #expect(mark.code == code && mark.reason == reason, "\(outcome)")
        #expect(mark.line == "\(code) \(reason)\n")
    }

    @Test("only ended states make an end: a job still queued or running has none")
    func states() {
        for state in ["accepted", "preparing", "submitting", "queued", "running", "finishing"] {
            #expect(ARCJobEnd(state: state, exitCode: nil, reason: nil, accounting: nil) == nil)
        }
        #expect(ARCJobEnd(state: "finished", exitCode: 3, reason: nil, accounting: nil)?.outcome == .finished(exitCode: 3))
        #expect(ARCJobEnd(state: "failed", exitCode: nil, reason: "x", accounting: nil)?.outcome
                == .failed(reason: "x", exitCode: nil))
        #expect(ARCJobEnd(state: "killed", exitCode: 271, reason: "killed on request", accounting: nil)?.outcome
                == .killed(exitCode: 271))
        #expect(ARCJobEnd(state: "deleted", exitCode: 0, reason: nil, accounting: nil)?.outcome
                == .deleted(reason: nil, exitCode: 0))
    }
}
