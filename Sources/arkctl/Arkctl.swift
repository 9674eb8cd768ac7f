import ArgumentParser
import Foundation

/// arkctl: the command line for arkd's users and operators.
@main
struct Arkctl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arkctl",
        abstract: "Run and inspect grid jobs with arkd.",
        subcommands: [
            RunCommand.self, ResumeCommand.self, ParseCommand.self, SubmitCommand.self, StatusCommand.self,
            ListCommand.self, WatchCommand.self, CancelCommand.self, CatCommand.self, EventsCommand.self,
            InfoCommand.self, ArcCommand.self,
        ]
    )

    /// Usage errors exit 2, as the shell's own tools and ARC's backend scripts expect, rather than
    /// ArgumentParser's 64.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as ArkdClientError {
            FileHandle.standardError.write(Data("arkctl: \(error)\n".utf8))
            Foundation.exit(error.exitStatus)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
