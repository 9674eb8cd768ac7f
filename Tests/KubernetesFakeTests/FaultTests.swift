import AsyncHTTPClient
import Foundation
import KubernetesFake
import KubernetesFixtures
import Testing

@Suite struct FaultTests {
    @Test func throttlingAndServerErrorsAndRequestCounts() async throws {
        try await withFake { fake, bridge, _ in
            let recorded = try RecordedExchange.named("75-throttle-01-429")
            fake.inject(.tooManyRequests(), count: 2, matching: RequestMatcher(method: "GET", pathPrefix: "/api/v1/namespaces/grid/pods"))
            for _ in 0..<2 {
                let throttled = try await Compare.replay(recorded, bridge: bridge, admin: bridge)
                #expect(throttled.status == 429)
                #expect(throttled.body == recorded.response.body)
                #expect(throttled.header("Content-Type") == recorded.response.header("Content-Type"))
                #expect(throttled.header("Retry-After") == "1")
            }
            #expect(try await Compare.replay(recorded, bridge: bridge, admin: bridge).status == 200)

            fake.inject(.serverError(status: 503), matching: RequestMatcher(method: "POST"))
            let failed = try await bridge.send(.POST, "/api/v1/namespaces/grid/pods", body: try TestPods.body(name: "arkd-fx-a", job: "a"))
            #expect(failed.status == 503)
            #expect(failed.json["reason"] == "ServiceUnavailable")
            try await TestPods.create(bridge, name: "arkd-fx-a", job: "a")
            _ = try await bridge.send(.GET, "/api/v1/namespaces/grid/pods/arkd-fx-a")
            _ = try await bridge.send(.GET, "/api/v1/namespaces/grid/pods/arkd-fx-a/log")
            #expect(fake.requestCount(pod: "arkd-fx-a") == 2)
            #expect(fake.requestCount(verb: "create") == 2)
            #expect(fake.requestCount(verb: "watch") == 1)
            #expect(fake.requestCount(method: "GET", pathPrefix: "/api/v1/namespaces/grid/pods") == 6)
            fake.resetRequestLog()
            #expect(fake.requests.isEmpty)
        }
    }

    @Test func droppedConnectionsAndAnUnreachableServer() async throws {
        try await withFake { fake, bridge, _ in
            fake.inject(.dropConnection, matching: RequestMatcher(pathPrefix: "/version"))
            await #expect(throws: (any Error).self) { try await bridge.send(.GET, "/version") }
            #expect(try await bridge.send(.GET, "/version").status == 200)

            await fake.stopListening()
            await #expect(throws: (any Error).self) { try await bridge.send(.GET, "/version") }
            try await fake.resumeListening()
            #expect(try await bridge.send(.GET, "/version").status == 200)
        }
    }

    @Test func externalDeletionIsADeletedEvent() async throws {
        try await withFake({ $0.kubeletPacing = .manual }) { fake, bridge, _ in
            try await TestPods.create(bridge, name: "arkd-fx-a", job: "a")
            let stream = try await bridge.watch("/api/v1/namespaces/grid/pods", query: "watch=true&resourceVersion=\(await fake.resourceVersion)")
            #expect(await fake.deletePodExternally(namespace: "grid", name: "arkd-fx-a"))
            for try await event in stream.events {
                #expect(event["type"] == "DELETED")
                break
            }
            #expect(try await bridge.send(.GET, "/api/v1/namespaces/grid/pods/arkd-fx-a").status == 404)
        }
    }
}
