import Foundation
import KubernetesFake
import KubernetesFixtures
import NIOHTTP1
import Testing

@Suite struct SmokeTests {
    @Test func versionAndCreate() async throws {
        try await withFake { fake, bridge, admin in
            let version = try await admin.send(.GET, "/version")
            #expect(version.status == 200)
            let recorded = try RecordedExchange.named("10-create-01-valid-pod")
            let created = try await bridge.send(.POST, recorded.path, body: recorded.requestBody)
            #expect(created.status == 201, "\(created.text)")
            print(created.text)
        }
    }
}
