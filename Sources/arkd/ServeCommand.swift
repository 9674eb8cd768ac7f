import ArgumentParser
import ArkdEngine
import ArkdServer
import Foundation
import Logging
import ServiceLifecycle

/// `arkd serve`: loads the site configuration and runs the engine and the API until SIGTERM or
/// SIGINT, then stops gracefully (payloads keep running and are resumed by the next start).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the engine and the HTTP API.",
        discussion: """
            Without --config, the single-machine defaults apply: local processes, state under \
            $XDG_STATE_HOME/arkd, the API on <state-dir>/arkd.sock. Environment variables \
            \(SiteConfigurationLoader.environmentOverrides.joined(separator: ", ")) override the file.
            """
    )

    @Option(help: "The site configuration file (YAML).")
    var config: String?

    @Option(help: "Log level, overriding the configuration: \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")).")
    var logLevel: Logger.Level?

    func run() async throws {
        let site = try loadSite()
        let level = logLevel ?? site.logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "arkd")
        let tokens = try site.server.tokenFile.map { path throws(TokenFileError) in try TokenTable.load(file: path) }
        if tokens == nil {
            logger.notice("no server.tokenFile: whoever can open the unix socket acts as admin")
        }
        let metrics = ArkdMetrics()
        let serve = { @Sendable (engine: Engine) async throws in
            let dependencies = APIDependencies(engine: engine, site: site, metrics: metrics, tokens: tokens)
            let services = try ArkdDaemon(dependencies: dependencies, logger: Logger(label: "arkd.api")).services()
            let group = ServiceGroup(configuration: ServiceGroupConfiguration(
                services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
        }
        switch site.executor {
        case .local:
            try await LocalRuntime.withEngine(configuration: site.engineConfiguration,
                                              allowedFileRoots: site.allowedFileRoots,
                                              logger: Logger(label: "arkd.engine"), serve)
        case .kubernetes:
            let options = KubernetesRuntime.clientOptions(for: site.kubernetes,
                                                          requestObserver: metrics.kubernetesRequest)
            try await KubernetesRuntime.withEngine(site: site, clientOptions: options, logger: Logger(label: "arkd.engine"),
                                                   serve)
        }
        logger.info("stopped")
    }

    private func loadSite() throws(SiteConfigurationError) -> SiteConfiguration {
        if let config { return try SiteConfigurationLoader.load(file: config) }
        return try SiteConfigurationLoader.parse("", file: "(defaults)", environment: ProcessInfo.processInfo.environment)
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
