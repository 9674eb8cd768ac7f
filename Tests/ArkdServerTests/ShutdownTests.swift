import ArkdEngine
import Foundation
import Testing

@Suite("daemon: graceful shutdown", .serialized, .timeLimit(.minutes(2)))
struct ShutdownTests {
    @Test("a graceful stop leaves a running job running; the next start resumes it and the API reaches it")
    func resume() async throws {
        let harness = try DaemonHarness()
        let id = try await harness.run { daemon in
            let id = try #require(try await daemon.submit("&(executable=/bin/sleep)(arguments=60)").1)
            try await daemon.waitForState(id, .running)
            return id
        }
        let store = try JobStore(path: harness.site.engineConfiguration.storePath)
        #expect(try await store.job(try #require(JobID(rawValue: id)))?.state == .running)
        try await harness.run { daemon in
            let job = try await daemon.send(.GET, "/v1/jobs/\(id)")
            #expect(try job.json()["state"] as? String == "running")
            let cancelled = try await daemon.send(.DELETE, "/v1/jobs/\(id)")
            #expect(cancelled.status == 200)
            #expect(try await daemon.waitForEnd(id).state == .killed)
        }
    }
}
