import ArgumentParser
import ARCIntegration

/// The options every `arkctl arc` command shares: A-REX's configuration and the daemon.
struct ArcOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "A-REX's (runtime) ARC configuration; its [custom:arkd] block says how to reach arkd.",
        valueName: "arc.conf"))
    var config: String?

    @OptionGroup var server: ServerOptions

    /// The server options, with what the command line and the environment leave open taken from
    /// the configuration's `[custom:arkd]` block.
    func serverOptions() throws -> ServerOptions {
        guard let config else { return server }
        let settings: ArkdConnectionSettings
        do {
            settings = try ARCConfiguration(contentsOf: config).arkdConnection
        } catch {
            throw ValidationError("\(error)")
        }
        return server.filling(server: settings.server, tokenFile: settings.tokenFile, caFile: settings.caFile)
    }
}
