@testable import ArkdEngine
import Foundation
import Logging
import ServiceLifecycle
import Testing

@Suite("engine service")
struct EngineServiceTests {
    @Test("graceful shutdown returns while a payload runs, and the next start finishes its job")
    func gracefulShutdown() async throws {
        let harness = try EngineHarness()
        let id = try await LocalRuntime.withEngine(configuration: harness.configuration(), logger: EngineHarness.quietLogger) { engine in
            let updates = engine.watch()
            let group = ServiceGroup(configuration: .init(services: [.init(service: EngineService(engine: engine))],
                                                          logger: EngineHarness.quietLogger))
            return try await withThrowingTaskGroup(of: JobID?.self) { tasks in
                tasks.addTask {
                    try await group.run()
                    return nil
                }
                // The payload waits for a file the test makes after the shutdown, so it is certainly
                // still running when the engine stops, however loaded the machine is.
                let script = #"&(executable=/bin/sh)(arguments="-c" "while [ ! -e go ]; do sleep 0.05; done; echo ok > out.txt")"#
                let id = try #require(try await engine.submit(JobSubmission(text: Array(script.utf8))).first?.id)
                for await case .state(let record) in updates where record.id == id && record.state == .running { break }
                await group.triggerGracefulShutdown()
                while let next = try await tasks.next() { if next == nil { break } }
                let stopped = try #require(try await engine.store.job(id))
                #expect(stopped.state == .running)
                #expect(FileManager.default.createFile(atPath: stopped.sessionDirectory + "/go", contents: nil))
                return id
            }
        }
        let record = try await harness.withEngine { engine in
            try await harness.waitForEnd(of: id, updates: engine.watch(), engine: engine)
        }
        #expect(record.state.isTerminal)
        #expect(FileManager.default.fileExists(atPath: record.sessionDirectory + "/out.txt"))
    }
}
