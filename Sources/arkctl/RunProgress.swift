import ArkdEngine
import Foundation
import Synchronization

/// What `arkctl run` shows while jobs move: one line per state change, a progress bar for transfers
/// on a terminal, and a summary at the end (or JSON for scripts).
final class RunProgress: Sendable {
    private let json: Bool
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let barShown = Mutex(false)

    init(json: Bool) {
        self.json = json
    }

    func accepted(_ records: [JobRecord]) {
        for record in records {
            note("job \(record.id) accepted; session directory \(record.sessionDirectory)")
        }
    }

    func changed(_ record: JobRecord) {
        clearBar()
        note("  \(record.id)  \(record.state.arcName.padding(toLength: 10, withPad: " ", startingAt: 0)) \(record.stateReason)")
    }

    func transfer(_ id: JobID, _ progress: TransferProgress) {
        guard isTerminal, !json else { return }
        let done = Self.bytes(progress.bytes)
        let line: String
        if let total = progress.totalBytes, total > 0 {
            let fraction = min(1, Double(progress.bytes) / Double(total))
            let filled = Int(fraction * 30)
            line = "  \(progress.file) [\(String(repeating: "#", count: filled))\(String(repeating: ".", count: 30 - filled))] \(Int(fraction * 100))% \(done) of \(Self.bytes(total))"
        } else {
            line = "  \(progress.file) \(done)"
        }
        barShown.withLock { $0 = true }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }

    func summary(of record: JobRecord) {
        if json {
            print(RunResultJSON(record).line())
            return
        }
        var lines = ["job \(record.id) \(record.state.arcName)" + (record.exitCode.map { ", exit code \($0)" } ?? "")]
        if let reason = record.failureReason { lines.append("  reason: \(reason)") }
        if let accounting = record.accounting {
            var parts: [String] = []
            if let wall = accounting.wallSeconds { parts.append(String(format: "wall time %.2f s", wall)) }
            if let user = accounting.userCPUSeconds, let system = accounting.systemCPUSeconds {
                parts.append(String(format: "CPU %.2f s user + %.2f s system", user, system))
            }
            if let memory = accounting.maxResidentKiB { parts.append(String(format: "max memory %.1f MiB", Double(memory) / 1024)) }
            if let node = accounting.nodeName { parts.append("node \(node)") }
            if !parts.isEmpty { lines.append("  " + parts.joined(separator: ", ")) }
        }
        lines.append("  session directory: \(record.sessionDirectory)")
        let outputs = record.description.outputFiles.map { file in
            file.targets.isEmpty ? file.name : "\(file.name) -> \(file.targets.map(\.location.description).joined(separator: ", "))"
        } + [record.description.stdout, record.description.join ? nil : record.description.stderr].compactMap { $0 }
        if !outputs.isEmpty { lines.append("  outputs: " + outputs.joined(separator: ", ")) }
        print(lines.joined(separator: "\n"))
    }

    private func note(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    private func clearBar() {
        if barShown.withLock({ shown in defer { shown = false }; return shown }) {
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        }
    }

    private static func bytes(_ count: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(count) B" : String(format: "%.1f %@", value, units[unit])
    }
}
