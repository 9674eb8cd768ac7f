import ArgumentParser
import ARCIntegration
import Foundation

/// `arkctl arc scan`: one pass of A-REX's `scan-<lrms>-job` helper (spec §3.3). Runs as root.
///
/// Finds the jobs A-REX has in the LRMS (INLRMS or CANCELING, without `lrms_done`) in each control
/// directory, asks arkd about all of them in one request, and reports each that ended: accounting
/// into `<sessiondir>.diag` (as the job's user), the LRMS output into `errors`, `lrms_done`, then
/// `gm-kick`. When arkd cannot answer (unreachable, 5xx, timeout) nothing at all is written and the
/// exit status is 3: the next pass asks again. A pass killed half-way is completed by the next one
/// without writing anything twice (see `JobFinisher`).
struct ArcScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Report the grid jobs that ended in arkd to A-REX, once (scan-<lrms>-job).",
        discussion: """
            ARC 6 (job.<ID>.* files) and ARC 7 (jobs/abc/def/ghi/<rest>/*) control directories are \
            told apart by the jobs/ directory. Every job reported and every problem is one line on \
            stderr (A-REX's helper log). Exit status: 0 done; 3 arkd unreachable or failing, nothing \
            written; 1 some control files could not be read or written (the others were done); 4 no \
            or insufficient token.
            """
    )

    @Argument(help: ArgumentHelp("A-REX's control directories.", valueName: "controldir"))
    var controlDirectories: [String]

    @Option(name: .customLong("gm-kick"), help: ArgumentHelp(
        "ARC's gm-kick, run for the jobs reported (skipped when it does not exist).", valueName: "path"))
    var gmKick = GMKick.defaultPath

    @Option(help: ArgumentHelp("Seconds to wait for arkd's answer; then nothing is written.", valueName: "seconds"))
    var timeout: Double = 60

    @OptionGroup var arc: ArcOptions

    func validate() throws {
        guard !controlDirectories.isEmpty else { throw ValidationError("name at least one control directory") }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
    }

    func run() async throws {
        await ArcSignalMask.reset()
        let server = try arc.serverOptions()
        let acquired = ScanLock.acquire(controlDirectories)
        defer { withExtendedLifetime(acquired.locks) {} }
        let scan = LRMSScan.collect(acquired.directories)
        Self.log(acquired.problems + scan.problems)
        let ids = scan.localIDs
        guard !ids.isEmpty else {
            if !acquired.problems.isEmpty || !scan.problems.isEmpty { throw ExitCode(1) }
            return
        }
        let answer: RemoteStatusList
        do {
            let limit = Duration.milliseconds(Int64(timeout * 1000))
            answer = try await server.withClient { client in
                try await ArcRetry.withTimeout(limit) { try await client.status(ids) }
            }
        } catch let error as ArkdClientError {
            Self.log(["arkctl arc scan: cannot ask arkd about \(ids.count) jobs, nothing written: \(error)"])
            throw ExitCode(error.exitStatus)
        }
        let result = scan.finish(Self.ends(answer), kick: GMKick(path: gmKick))
        Self.log(result.reports.filter(\.isDone).map { report in
            "job \(report.job.id) (arkd \(report.job.localID ?? "-")): lrms_done \(report.mark)"
        })
        Self.log(result.problems)
        if !acquired.problems.isEmpty || !scan.problems.isEmpty || !result.problems.isEmpty { throw ExitCode(1) }
    }

    /// The ended jobs of arkd's answer, by arkd id; an id arkd does not know is missing.
    static func ends(_ answer: RemoteStatusList) -> [String: ARCJobEnd] {
        var ends: [String: ARCJobEnd] = [:]
        for status in answer.jobs {
            let accounting = status.accounting.map {
                ARCAccounting(startedAt: $0.startedAt, endedAt: $0.endedAt, wallSeconds: $0.wallSeconds,
                              userCPUSeconds: $0.userCPUSeconds, systemCPUSeconds: $0.systemCPUSeconds,
                              maxResidentKiB: $0.maxResidentKiB, nodeName: $0.nodeName, image: $0.image)
            }
            ends[status.id] = ARCJobEnd(state: status.state, exitCode: status.exitCode, reason: status.reason,
                                        accounting: accounting)
        }
        for id in answer.unknown { ends[id] = ARCJobEnd(outcome: .missing) }
        return ends
    }

    private static func log(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        FileHandle.standardError.write(Data(lines.map { $0 + "\n" }.joined().utf8))
    }
}
