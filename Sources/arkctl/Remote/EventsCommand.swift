import ArgumentParser

/// `arkctl events`: a job's state transitions with their times and reasons.
struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "events", abstract: "Show a job's state history.")

    @Argument(help: "The job id.")
    var id: String

    @Option(name: .shortAndLong, help: "Output: table or json.")
    var output: OutputFormat = .table

    @OptionGroup var server: ServerOptions

    func run() async throws {
        try await server.withClient { client in
            let events = try await client.events(id)
            if output == .json {
                print(try JSONText.encode(events))
                return
            }
            print(TextTable(header: ["AT", "FROM", "TO", "REASON"], rows: events.events.map {
                [$0.at.formatted(.iso8601), $0.from ?? "-", $0.to, $0.reason]
            }).rendered, terminator: "")
        }
    }
}
