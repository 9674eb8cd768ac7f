/// The completion mark `job.<ID>.lrms_done`: one line, `<code> <reason>` (spec §6).
///
/// A-REX fails the job unless the code equals the expected one (0 by default) and ignores the text
/// otherwise, so a job stopped by the LRMS must never get 0 (pitfall 5). The rules follow ARC's own
/// backends: the payload's exit code when it ended by itself (256+N for a signal, as arkd reports
/// it), 271 (256+SIGTERM) for the wall-time limit and for cancellation, and -1 only when nothing is
/// known: the job is missing from arkd, or it failed without a process ever exiting.
public struct LRMSDoneMark: Sendable, Hashable, CustomStringConvertible {
    public var code: Int
    public var reason: String

    public init(code: Int, reason: String) {
        self.code = code
        // One line: A-REX reads only the first.
        self.reason = reason.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    public init(_ end: ARCJobEnd) {
        switch end.outcome {
        case .finished(let exitCode?):
            self.init(code: exitCode, reason: Self.finishedReason(exitCode))
        case .finished(nil):
            self.init(code: -1, reason: "Job finished but arkd recorded no exit code")
        case .failed(let reason, let exitCode):
            let text = reason ?? "Job failed in arkd"
            let lowered = text.lowercased()
            if lowered.hasPrefix("wall time limit"), lowered.contains("exceeded") {
                self.init(code: 271, reason: "Job exceeded walltime limit")
            } else if lowered.hasPrefix("memory limit"), lowered.contains("exceeded") {
                self.init(code: exitCode.flatMap { $0 == 0 ? nil : $0 } ?? 265, reason: text)
            } else if let exitCode, exitCode != 0 {
                self.init(code: exitCode, reason: text)
            } else {
                self.init(code: -1, reason: text)
            }
        case .killed:
            self.init(code: 271, reason: "Job was cancelled")
        case .deleted(let reason, _):
            self.init(code: -1, reason: "Job was deleted from arkd" + (reason.map { ": \($0)" } ?? ""))
        case .missing:
            self.init(code: -1, reason: "Job missing from arkd")
        }
    }

    /// The file's contents.
    public var line: String { "\(code) \(reason)\n" }

    public var description: String { "\(code) \(reason)" }

    private static func finishedReason(_ code: Int) -> String {
        switch code {
        case 0: "Job finished successfully"
        case 257...320: "Job was killed by signal \(code - 256)"
        default: "Job finished with exit code \(code)"
        }
    }
}
