import ArgumentParser

/// arkd: the batch system's daemon.
@main
struct Arkd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arkd",
        abstract: "The arkd daemon: runs grid jobs and serves the HTTP API.",
        subcommands: [ServeCommand.self]
    )
}
