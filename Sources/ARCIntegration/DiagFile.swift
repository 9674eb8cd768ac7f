import Foundation
import Glibc

/// The accounting lines the scan adds to `<sessiondir>.diag` (spec §5), which A-REX shows the user
/// and feeds to its accounting records once it sees `lrms_done`.
///
/// They are appended to the file A-REX pre-created, after whatever a job wrapper wrote: readers take
/// the last `exitcode=` and, for accounting, match keys case-insensitively, so the LRMS's values
/// come last and win, with `exitcode=` the very last line as ARC's SLURM scan writes it. Times are
/// seconds with a trailing `s`, memory kB, timestamps UTC in MDS form (`YYYYMMDDHHMMSSZ`).
public enum DiagFile {
    /// The lines for a job that ended, or none when arkd knows nothing of it (the file then keeps
    /// only what others wrote).
    public static func render(_ end: ARCJobEnd, processors: Int?, mark: LRMSDoneMark) -> String {
        if case .missing = end.outcome { return "" }
        var lines: [String] = []
        let accounting = end.accounting
        if let node = accounting?.nodeName, !node.isEmpty { lines.append("nodename=\(node)") }
        if let processors { lines.append("Processors=\(processors)") }
        let wall = accounting?.wallSeconds ?? accounting.flatMap { accounting in
            accounting.startedAt.flatMap { start in accounting.endedAt.map { max(0, $0.timeIntervalSince(start)) } }
        }
        if let wall { lines.append("WallTime=\(seconds(wall))s") }
        if let user = accounting?.userCPUSeconds { lines.append("UserTime=\(seconds(user))s") }
        if let system = accounting?.systemCPUSeconds { lines.append("KernelTime=\(seconds(system))s") }
        if let memory = accounting?.maxResidentKiB { lines.append("MaxResidentMemory=\(memory)kB") }
        if let start = accounting?.startedAt { lines.append("LRMSStartTime=\(mdsTime(start))") }
        if let end = accounting?.endedAt { lines.append("LRMSEndTime=\(mdsTime(end))") }
        if let image = accounting?.image, !image.isEmpty { lines.append("wninstance=\(image)") }
        // The payload's status as the user sees it; when no process ever exited, the same code as
        // lrms_done, so that the two agree.
        lines.append("exitcode=\(end.processExitCode ?? mark.code)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Appends `text` to the job's `.diag` with the job's user's identity (the session area may be
    /// root-squashed NFS). The file is created (mode 0600) if A-REX's empty one is gone.
    public static func append(_ text: String, to path: String, as user: UserIdentity?) throws {
        guard !text.isEmpty else { return }
        try UserFileAccess.perform(as: user) {
            try PlainFile.append(Array(text.utf8), to: path, create: 0o600)
        }
    }

    /// Seconds with two decimals, as GNU time writes them for ARC's wrapper.
    static func seconds(_ value: Double) -> String {
        let hundredths = Int((max(0, value) * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// `YYYYMMDDHHMMSSZ` in UTC.
    static func mdsTime(_ date: Date) -> String {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))"
            + "\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))Z"
    }
}
