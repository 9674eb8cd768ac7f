import ArgumentParser

/// arkctl: the command line for arkd's users and operators.
@main
struct Arkctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arkctl",
        abstract: "Run and inspect grid jobs with arkd.",
        subcommands: [ParseCommand.self]
    )
}
