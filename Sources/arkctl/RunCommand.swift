import ArgumentParser
import ArkdEngine
import Foundation
import JobDescriptions
import Logging
import UnixSignals

/// `arkctl run`: runs a job description to its end on this machine with an in-process engine, so
/// anyone can try a real job with one command and no daemon or cluster.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a job description to its end with an in-process engine (local processes).",
        discussion: """
            Exit status: the job's exit code when it finished (a signal N as 128+N, as shells do), \
            125 when it failed or the description was rejected, 130 when it was killed (Ctrl-C \
            cancels it). With several jobs in one description, the first job that did not succeed decides.
            """
    )

    @Argument(help: "The job description (xRSL, ADL or GRAMI).")
    var file: String

    @Option(help: "Directory for job session directories (default: <state-dir>/sessions).")
    var sessionRoot: String?

    @Option(help: "Directory for arkd's job store (default: $XDG_STATE_HOME/arkd or ~/.local/state/arkd).")
    var stateDir: String?

    @Option(help: "xRSL dialect: user or server.")
    var dialect: XRSLDialect = .user

    @Flag(help: "Print the outcome as one JSON object per job instead of text.")
    var json = false

    func run() async throws {
        let path = URL(fileURLWithPath: file).standardizedFileURL
        var configuration = EngineConfiguration(stateDirectory: stateDir ?? EngineConfiguration.defaultStateDirectory,
                                                sessionRoot: sessionRoot)
        configuration.policy = ValidationPolicy(allowedSchemes: ["http", "https"])
        let bytes: [UInt8]
        do {
            bytes = try DescriptionFile.read(path.path, limit: configuration.parseLimits.maxInputBytes)
        } catch {
            FileHandle.standardError.write(Data("\(file): cannot read the file: \(error.localizedDescription)\n".utf8))
            throw ExitCode(125)
        }
        let progress = RunProgress(json: json)
        var logger = Logger(label: "arkd.engine")
        logger.logLevel = .warning
        let outcomes = try await LocalRuntime.withEngine(
            configuration: configuration, allowedFileRoots: ["/"], logger: logger
        ) { engine in
            try await runJobs(bytes, uploadDirectory: path.deletingLastPathComponent().path, engine: engine, progress: progress)
        }
        guard let outcomes else { throw ExitCode(125) }
        for record in outcomes { progress.summary(of: record) }
        let failing = outcomes.map(RunCommand.exitStatus).first(where: { $0 != 0 })
        if let failing { throw ExitCode(failing) }
    }

    /// Submits the description's jobs, follows them to their ends, and returns them; nil when the
    /// description was rejected.
    private func runJobs(_ bytes: [UInt8], uploadDirectory: String, engine: Engine,
                         progress: RunProgress) async throws -> [JobRecord]? {
        let updates = engine.watch()
        return try await withThrowingTaskGroup(of: [JobRecord]?.self) { group in
            group.addTask {
                try await engine.run()
                return nil
            }
            let records: [JobRecord]
            do {
                records = try await engine.submit(JobSubmission(text: bytes, dialect: dialect, uploadDirectory: uploadDirectory))
            } catch let rejection as DescriptionRejection {
                FileHandle.standardError.write(Data(DiagnosticText.render(
                    rejection.diagnostics, file: file, source: SourceText(bytes)).utf8))
                engine.shutdown()
                group.cancelAll()
                return nil
            }
            let ids = Set(records.map(\.id))
            progress.accepted(records, stateDirectory: engine.configuration.stateDirectory)
            group.addTask {
                for await _ in await UnixSignalsSequence(trapping: .sigint, .sigterm) {
                    for id in ids { _ = try? await engine.cancel(id) }
                }
                return nil
            }
            var finals: [JobID: JobRecord] = [:]
            for await update in updates where ids.contains(update.jobID) {
                switch update {
                case .state(let record):
                    progress.changed(record)
                    if record.state.isTerminal { finals[record.id] = record }
                case .progress(let id, let transfer):
                    progress.transfer(id, transfer)
                }
                if finals.count == ids.count { break }
            }
            engine.shutdown()
            group.cancelAll()
            return records.compactMap { finals[$0.id] }
        }
    }

    /// The shell's view of a job's end: its exit code (signal N as 128+N), 125 failed, 130 killed.
    static func exitStatus(_ record: JobRecord) -> Int32 {
        switch record.state {
        case .finished:
            let code = record.exitCode ?? 0
            return Int32(code >= 256 ? 128 + (code - 256) : code)
        case .killed: return 130
        default: return 125
        }
    }
}
