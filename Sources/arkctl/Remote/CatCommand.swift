import ArgumentParser
import Foundation

/// `arkctl cat` (alias `logs`): prints a file of a job's session directory, stdout by default.
struct CatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cat", abstract: "Print a file from a job's session directory.", aliases: ["logs"])

    @Argument(help: "The job id.")
    var id: String

    @Argument(help: "The file, relative to the session directory (default: the job's stdout).")
    var path: String?

    @OptionGroup var server: ServerOptions

    func run() async throws {
        try await server.withClient { client in
            var file = path
            if file == nil {
                guard let stdout = try await client.job(id).stdout else {
                    throw ValidationError("job \(id) names no stdout file; name the file to print")
                }
                file = stdout
            }
            FileHandle.standardOutput.write(Data(try await client.file(id, path: file ?? "")))
        }
    }
}
