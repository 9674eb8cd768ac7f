import ArgumentParser
import Foundation

/// How `arkctl arc submit` and `cancel` report a failure: every line on stderr, which A-REX appends
/// to the job's errors file (what the user gets as `gmlog/errors`), and the summary also on stdout,
/// where newer A-REX versions take a failed submission's reason from (spec §3.1, pitfall 1).
enum ArcFailure {
    static func exit(_ command: String, _ summary: String, details: [String] = [], status: Int32) -> ExitCode {
        let text = details.map { $0 + "\n" }.joined() + "arkctl arc \(command): \(summary)\n"
        FileHandle.standardError.write(Data(text.utf8))
        FileHandle.standardOutput.write(Data((summary + "\n").utf8))
        return ExitCode(status)
    }
}
