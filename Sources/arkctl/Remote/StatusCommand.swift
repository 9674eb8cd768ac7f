import ArgumentParser
import Foundation

/// `arkctl status`: state, exit code and reason of jobs, in one request however many.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the state of jobs (exit status 1 if any id is unknown).")

    @Argument(help: "Job ids.")
    var ids: [String]

    @Option(name: .shortAndLong, help: "Output: table or json.")
    var output: OutputFormat = .table

    @OptionGroup var server: ServerOptions

    func validate() throws {
        guard !ids.isEmpty else { throw ValidationError("name at least one job id") }
    }

    func run() async throws {
        try await server.withClient { client in
            let answer = try await client.status(ids)
            switch output {
            case .json: print(try JSONText.encode(answer))
            case .table, .wide:
                print(TextTable(header: ["ID", "STATE", "ARC STATE", "EXIT", "REASON"], rows: answer.jobs.map {
                    [$0.id, $0.state, $0.arcState, $0.exitCode.map(String.init) ?? "-", $0.reason ?? ""]
                }).rendered, terminator: "")
                for id in answer.unknown { FileHandle.standardError.write(Data("\(id): no such job\n".utf8)) }
            }
            if !answer.unknown.isEmpty { throw ExitCode(1) }
        }
    }
}
