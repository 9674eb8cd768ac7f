import ArgumentParser

/// `arkctl info`: the site's queues, capacity and load.
struct InfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "info", abstract: "Show the site's queues and load.")

    @Option(name: .shortAndLong, help: "Output: table or json.")
    var output: OutputFormat = .table

    @OptionGroup var server: ServerOptions

    func run() async throws {
        try await server.withClient { client in
            let info = try await client.info()
            if output == .json {
                print(try JSONText.encode(info))
                return
            }
            print("executor: \(info.executor)")
            print("capacity: \(info.capacity) running at once")
            print("queues:   " + info.queues.map { $0.name + ($0.isDefault ? " (default)" : "") }.joined(separator: ", "))
            let busy = info.load.filter { $0.value > 0 }.sorted { $0.key < $1.key }
            print("load:     " + (busy.isEmpty ? "no jobs" : busy.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
        }
    }
}
