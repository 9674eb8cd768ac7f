import Foundation
import KubernetesFake
import KubernetesFixtures
import Testing

@Suite struct WatchProtocolTests {
    static let path = "/api/v1/namespaces/grid/pods"

    static func collect(_ stream: AsyncThrowingStream<JSON, Error>) async throws -> [JSON] {
        var events: [JSON] = []
        for try await event in stream { events.append(event) }
        return events
    }

    @Test func initialStateThenBookmarkBeforeTheServerCloses() async throws {
        try await withFake({ $0.kubeletPacing = .manual }) { _, bridge, _ in
            for name in ["arkd-fx-b", "arkd-fx-a"] { try await TestPods.create(bridge, name: name, job: name) }
            let recorded = try RecordedExchange.named("45-watch-01-rv0-initial-state")
            for query in ["watch=true&resourceVersion=0&allowWatchBookmarks=true&timeoutSeconds=1",
                          "watch=1&allowWatchBookmarks=true&timeoutSeconds=1"] {
                let stream = try await bridge.watch(Self.path, query: query)
                #expect(stream.status == 200)
                let events = try await Self.collect(stream.events)
                #expect(events.map { $0["type"]?.string ?? "" } == ["ADDED", "ADDED", "BOOKMARK"])
                let bookmark = try #require(events.last?["object"])
                var expected = try #require(recorded.response.events.last.flatMap { try? JSON(parsing: $0) }?["object"])
                expected.set(["metadata", "resourceVersion"], bookmark.value(at: "metadata", "resourceVersion"))
                #expect(bookmark == expected)
            }
        }
    }

    @Test func tooOldResourceVersionIsAnInBand410() async throws {
        try await withFake { fake, bridge, _ in
            try await TestPods.create(bridge, name: "arkd-fx-a", job: "a")
            await fake.compact()
            let recorded = try RecordedExchange.named("46-gone-01-watch-rv-too-old")
            let stream = try await bridge.watch(recorded.path, query: recorded.rawQuery)
            #expect(stream.status == 200)
            let events = try await Self.collect(stream.events)
            #expect(events.count == 1)
            let expected = try #require(recorded.response.events.first.flatMap { try? JSON(parsing: $0) })
            #expect(events.first?["type"] == expected["type"])
            for field in ["kind", "apiVersion", "status", "reason", "code", "metadata"] {
                #expect(events.first?["object"]?[field] == expected["object"]?[field])
            }
            #expect(events.first?.value(at: "object", "message")?.string?.hasPrefix("too old resource version: 1 (") == true)
        }
    }

    @Test func futureResourceVersionGivesNothingAndSelectorsFilter() async throws {
        try await withFake({ $0.kubeletPacing = .manual }) { fake, bridge, _ in
            let future = try await bridge.watch(Self.path, query: "watch=true&resourceVersion=999999999&timeoutSeconds=1")
            try await TestPods.create(bridge, name: "arkd-fx-a", job: "a")
            #expect(try await Self.collect(future.events).isEmpty)

            // The pods are made before the watch, which replays them from `revision`: a watch opened
            // first would have to see them within its one second, which a loaded machine can miss.
            let revision = await fake.resourceVersion
            try await TestPods.create(bridge, name: "arkd-fx-b", job: "b")
            try await TestPods.create(bridge, name: "arkd-fx-c", job: "c")
            let filtered = try await bridge.watch(Self.path, query: "watch=true&labelSelector=arkd.io%2Fjob%3Db&resourceVersion=\(revision)&timeoutSeconds=1")
            let events = try await Self.collect(filtered.events)
            #expect(events.map { $0.value(at: "object", "metadata", "name")?.string ?? "" } == ["arkd-fx-b"])

            let byPhase = try await bridge.watch(Self.path, query: "watch=true&fieldSelector=status.phase%3DRunning&timeoutSeconds=1")
            await fake.settleKubelet()
            let phases = try await Self.collect(byPhase.events)
            #expect(phases.isEmpty)
        }
    }

    @Test func watchLeavingTheSelectionIsDeleted() async throws {
        try await withFake({ $0.kubeletPacing = .manual; $0.script = { _ in .runsThenExits(exitCode: 1) } }) { fake, bridge, _ in
            try await TestPods.create(bridge, name: "arkd-fx-a", job: "a")
            await fake.advanceKubelet()
            await fake.advanceKubelet()
            await fake.advanceKubelet()
            let stream = try await bridge.watch(Self.path, query: "watch=true&fieldSelector=status.phase%3DRunning&timeoutSeconds=1")
            await fake.settleKubelet()
            let events = try await Self.collect(stream.events)
            #expect(events.map { $0["type"]?.string ?? "" } == ["ADDED", "MODIFIED", "DELETED"])
        }
    }
}
