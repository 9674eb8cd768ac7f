import ArgumentParser
import Foundation

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
            if let nodes = info.nodes {
                let cores = nodes.map(\.cpus).reduce(0, +)
                let used = nodes.map(\.usedCPUs).reduce(0, +)
                print("nodes:    \(nodes.count), \(Self.number(used)) of \(Self.number(cores)) cores in use\n")
                print(TextTable(header: ["NODE", "CPUS", "USED", "MEMORY", "PODS", "SCHEDULABLE"], rows: nodes.map {
                    [$0.name, Self.number($0.cpus), Self.number($0.usedCPUs), "\($0.memoryMiB)Mi", String($0.pods),
                     $0.schedulable ? "yes" : "no"]
                }).rendered, terminator: "")
            } else if let error = info.nodesError {
                print("nodes:    unknown (\(error))")
            }
        }
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }
}
