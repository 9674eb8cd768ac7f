import ArgumentParser
import ArkdEngine
import Foundation
import JobDescriptions
import KubernetesClient
import Logging

/// Options shared by the commands that run the in-process engine.
struct EmbeddedOptions: ParsableArguments {
    @Option(help: "Where payloads run: local (processes on this machine) or kubernetes (pods).")
    var executor: SiteConfiguration.ExecutorKind = .local

    @OptionGroup(title: "Kubernetes (with --executor kubernetes)")
    var kubernetes: KubernetesRunOptions

    @Option(help: "Directory for job session directories (default: <state-dir>/sessions).")
    var sessionRoot: String?

    @Option(help: "Directory for arkd's job store (default: $XDG_STATE_HOME/arkd or ~/.local/state/arkd).")
    var stateDir: String?

    @Option(help: "xRSL dialect: user or server.")
    var dialect: XRSLDialect = .user

    @Flag(help: "Print the outcome as one JSON object per job instead of text.")
    var json = false

    var configuration: EngineConfiguration { site.engineConfiguration }

    /// The one-off site these options describe: the local executor, or one queue on the chosen
    /// cluster; inputs from http(s) and from any readable local file.
    var site: SiteConfiguration {
        var site = SiteConfiguration(stateDirectory: stateDir ?? EngineConfiguration.defaultStateDirectory,
                                     sessionRoot: sessionRoot, executor: executor, allowedSchemes: ["http", "https"],
                                     allowedFileRoots: ["/"])
        if executor == .kubernetes {
            kubernetes.apply(to: &site)
        }
        return site
    }

    /// Reads the description files; a file that cannot be read ends the command with 125.
    func descriptions(_ files: [String]) throws -> [EmbeddedSession.Description] {
        try files.map { file in
            do {
                let bytes = try DescriptionFile.read(file, limit: configuration.parseLimits.maxInputBytes)
                return EmbeddedSession.Description(file: file, bytes: bytes, dialect: dialect)
            } catch {
                FileHandle.standardError.write(Data("\(file): cannot read the file: \(error.localizedDescription)\n".utf8))
                throw ExitCode(125)
            }
        }
    }

    /// Runs the engine over `descriptions` and ends the command with the jobs' exit status.
    func execute(_ descriptions: [EmbeddedSession.Description], includeUnfinished: Bool) async throws {
        var logger = Logger(label: "arkd.engine")
        logger.logLevel = .warning
        let progress = RunProgress(json: json)
        let session = { @Sendable (engine: Engine) async throws -> [JobRecord]? in
            try await EmbeddedSession(engine: engine, progress: progress).run(descriptions, includeUnfinished: includeUnfinished)
        }
        let outcomes: [JobRecord]?
        switch executor {
        case .local:
            outcomes = try await LocalRuntime.withEngine(configuration: configuration, allowedFileRoots: ["/"],
                                                         logger: logger, session)
        case .kubernetes:
            do {
                outcomes = try await KubernetesRuntime.withEngine(site: site, logger: logger, session)
            } catch let error as KubernetesConfigurationError {
                FileHandle.standardError.write(Data("arkctl: \(error)\n".utf8))
                throw ExitCode(125)
            }
        }
        guard let outcomes else { throw ExitCode(125) }
        for record in outcomes { progress.summary(of: record) }
        if let failing = outcomes.map(JobExitStatus.of).first(where: { $0 != 0 }) { throw ExitCode(failing) }
    }
}
