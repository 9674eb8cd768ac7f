import ArgumentParser

/// `arkctl list`: the jobs the token may see, following every page.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List jobs.")

    @Option(help: "Only jobs in these states (comma-separated).")
    var state: String?

    @Option(help: "Only jobs of this queue.")
    var queue: String?

    @Option(help: "Only jobs of this owner (admins).")
    var owner: String?

    @Option(name: .shortAndLong, help: "Output: table, wide or json.")
    var output: OutputFormat = .table

    @OptionGroup var server: ServerOptions

    func run() async throws {
        try await server.withClient { client in
            var query: [(String, String)] = [("limit", "1000")]
            if let state { query.append(("state", state)) }
            if let queue { query.append(("queue", queue)) }
            if let owner { query.append(("owner", owner)) }
            let jobs = try await client.listAll(query: query)
            switch output {
            case .json: print(try JSONText.encode(RemoteJobList(jobs: jobs, nextCursor: nil)))
            case .table:
                print(TextTable(header: ["ID", "STATE", "EXIT", "NAME"], rows: jobs.map {
                    [$0.id, $0.state, $0.exitCode.map(String.init) ?? "-", $0.name ?? ""]
                }).rendered, terminator: "")
            case .wide:
                print(TextTable(header: ["ID", "STATE", "ARC STATE", "EXIT", "OWNER", "QUEUE", "CREATED", "NAME", "REASON"],
                                rows: jobs.map {
                    [$0.id, $0.state, $0.arcState, $0.exitCode.map(String.init) ?? "-", $0.owner, $0.queue ?? "-",
                     $0.createdAt.formatted(.iso8601), $0.name ?? "", $0.reason ?? ""]
                }).rendered, terminator: "")
            }
        }
    }
}
