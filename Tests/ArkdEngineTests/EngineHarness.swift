@testable import ArkdEngine
import Foundation
import JobDescriptions
import Logging
import Staging
import Testing

/// A state directory, a submit directory with files to upload, and helpers to run jobs to their
/// ends through a real engine (SQLite store, local processes, real staging).
final class EngineHarness: Sendable {
    let root: URL
    let stateDirectory: String
    let uploadDirectory: String

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("arkd-engine-\(UUID().uuidString)")
        stateDirectory = root.appendingPathComponent("state").path
        uploadDirectory = root.appendingPathComponent("submit").path
        try FileManager.default.createDirectory(atPath: uploadDirectory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    func configuration(sessionRoot: String? = nil, maxRunningJobs: Int? = nil) -> EngineConfiguration {
        var configuration = EngineConfiguration(stateDirectory: stateDirectory, sessionRoot: sessionRoot)
        configuration.retryDelay = .milliseconds(50)
        if let maxRunningJobs { configuration.maxRunningJobs = maxRunningJobs }
        return configuration
    }

    static var quietLogger: Logger {
        var logger = Logger(label: "arkd.engine.test")
        logger.logLevel = .critical
        return logger
    }

    /// Runs an engine for the duration of `body`.
    func withEngine<T: Sendable>(sessionRoot: String? = nil, staging: StagingConfiguration? = nil, maxRunningJobs: Int? = nil,
                                 _ body: @escaping @Sendable (Engine) async throws -> T) async throws -> T {
        try await LocalRuntime.withEngine(configuration: configuration(sessionRoot: sessionRoot, maxRunningJobs: maxRunningJobs),
                                          staging: staging,
                                          logger: Self.quietLogger) { engine in
            try await Self.driving(engine, body)
        }
    }

    /// Runs the engine while `body` runs, and stops it when `body` returns.
    static func driving<T: Sendable>(_ engine: Engine, _ body: @escaping @Sendable (Engine) async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await engine.run()
                return nil
            }
            group.addTask { try await body(engine) }
            while let next = try await group.next() {
                if let value = next {
                    engine.shutdown()
                    group.cancelAll()
                    return value
                }
            }
            throw CancellationError()
        }
    }

    /// Submits one description and waits for its job's end.
    func run(_ xrsl: String, on engine: Engine, timeout: Duration = .seconds(60)) async throws -> JobRecord {
        let updates = engine.watch()
        let records = try await engine.submit(JobSubmission(text: Array(xrsl.utf8), uploadDirectory: uploadDirectory))
        let id = try #require(records.first?.id)
        return try await waitForEnd(of: id, updates: updates, engine: engine, timeout: timeout)
    }

    func waitForEnd(of id: JobID, updates: AsyncStream<JobUpdate>, engine: Engine,
                    timeout: Duration = .seconds(60)) async throws -> JobRecord {
        if let record = try await engine.store.job(id), record.state.isTerminal { return record }
        return try await withThrowingTaskGroup(of: JobRecord?.self) { group in
            group.addTask {
                for await case .state(let record) in updates where record.id == id && record.state.isTerminal {
                    return record
                }
                return nil
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return try #require(first, "job \(id) did not end within \(timeout)")
        }
    }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: uploadDirectory + "/" + name))
    }
}
