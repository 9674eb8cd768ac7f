import Foundation
import KubernetesFixtures
import Testing

@testable import KubernetesClient

@Suite("list+watch")
struct PodListWatchTests {
    static let fast = PodListWatch.Options(pageSize: 2, watchTimeout: .seconds(20)...(.seconds(20)),
                                           initialBackoff: .milliseconds(5), maxBackoff: .milliseconds(20))

    static func isWatch(_ request: SeenRequest) -> Bool { request.query["watch"] == "true" }

    /// Reads `count` events from a list+watch of `server`.
    static func events(from server: ReplayServer, count: Int, options: KubernetesClientOptions = .test())
        async throws -> [PodListWatchEvent]
    {
        try await withClient(server, options: options) { client in
            var events: [PodListWatchEvent] = []
            for try await event in PodListWatch(client: client, labelSelector: "arkd.io/job=fx-exit3", options: fast) {
                events.append(event)
                if events.count == count { break }
            }
            return events
        }
    }

    @Test("snapshot from the list, events from the watch, resumed from the last bookmark when the server closes it")
    func resume() async throws {
        let list = try KubernetesJSON.decode(PodList.self, from: RecordedExchange.named("30-exit3-01-list").response.body)
        let watched = try RecordedExchange.named("30-exit3-02-watch").response.events
            .map { try KubernetesJSON.decode(WatchEvent<Pod>.self, from: $0) }
        let changes = watched.filter { if case .bookmark = $0 { false } else { true } }
        try await ReplayServer.with(handler: { request, _ in
            guard Self.isWatch(request) else { return try .recorded("30-exit3-01-list") }
            return try .recorded("30-exit3-02-watch")
        }) { server in
            let events = try await Self.events(from: server, count: 1 + changes.count + 1)
            guard case .snapshot(let pods, let version) = events.first else {
                Issue.record("the first event is not a snapshot")
                return
            }
            #expect(pods.isEmpty)
            #expect(version == list.metadata.resourceVersion)
            guard case .added(let pod) = events[1] else {
                Issue.record("the second event is not ADDED")
                return
            }
            #expect(pod.metadata.name == "arkd-fx-exit3")
            let requests = await server.log.requests
            let watches = requests.filter(Self.isWatch)
            #expect(requests.count { !Self.isWatch($0) } == 1)
            #expect(watches.count == 2)
            #expect(watches[0].query["resourceVersion"] == list.metadata.resourceVersion)
            #expect(watches[0].query["allowWatchBookmarks"] == "true")
            #expect(watches[0].query["labelSelector"] == "arkd.io/job=fx-exit3")
            #expect(watches[1].query["resourceVersion"] == watched.last?.resourceVersion)
        }
    }

    @Test("an in-band 410 relists and delivers a fresh snapshot; the next watch starts from it")
    func goneRelists() async throws {
        let second = try KubernetesJSON.decode(
            PodList.self, from: RecordedExchange.named("20-read-03-list-labelselector").response.body)
        try await ReplayServer.with(handler: { request, earlier in
            if Self.isWatch(request) {
                return earlier == 0 ? try .recorded("46-gone-01-watch-rv-too-old") : try .recorded("30-exit3-02-watch")
            }
            return earlier == 0 ? try .recorded("30-exit3-01-list") : try .recorded("20-read-03-list-labelselector")
        }) { server in
            let events = try await Self.events(from: server, count: 3)
            guard case .snapshot(let first, _) = events[0], case .snapshot(let fresh, let version) = events[1] else {
                Issue.record("expected two snapshots, got \(events)")
                return
            }
            #expect(first.isEmpty)
            #expect(fresh.count == second.items.count)
            #expect(version == second.metadata.resourceVersion)
            let watches = await server.log.requests.filter(Self.isWatch)
            #expect(watches.count == 2)
            #expect(watches[1].query["resourceVersion"] == second.metadata.resourceVersion)
        }
    }

    @Test("an HTTP 410 on a continued list starts the list over")
    func goneListPage() async throws {
        try await ReplayServer.with(handler: { request, earlier in
            if Self.isWatch(request) { return try .recorded("30-exit3-02-watch") }
            switch earlier {
            case 0: return try .recorded("46-gone-03-list-page1-before-compaction")
            case 1: return try .recorded("46-gone-04-list-continue-after-compaction")
            default: return try .recorded("30-exit3-01-list")
            }
        }) { server in
            let events = try await Self.events(from: server, count: 1)
            guard case .snapshot = events.first else {
                Issue.record("no snapshot")
                return
            }
            let lists = await server.log.requests.filter { !Self.isWatch($0) }
            #expect(lists.count == 3)
            #expect(lists[2].query["continue"] == nil)
        }
    }

    @Test("connection trouble and server errors back off and go on; they never end the sequence")
    func transientFailures() async throws {
        try await ReplayServer.with(handler: { request, earlier in
            if !Self.isWatch(request) {
                return earlier == 0 ? .json(503, #"{"kind":"Status","code":503,"reason":"ServiceUnavailable"}"#)
                    : try .recorded("30-exit3-01-list")
            }
            switch earlier {
            case 0: return try .recorded("75-throttle-01-429")
            case 1: return .json(500, #"{"kind":"Status","code":500,"reason":"InternalError"}"#)
            default: return try .recorded("30-exit3-02-watch")
            }
        }) { server in
            let events = try await Self.events(from: server, count: 2, options: .test(maxAttempts: 1))
            guard case .snapshot = events[0], case .added = events[1] else {
                Issue.record("expected a snapshot and an ADDED, got \(events)")
                return
            }
            let requests = await server.log.requests
            #expect(requests.count { !Self.isWatch($0) } == 2)
            #expect(requests.count(where: Self.isWatch) == 3)
        }
    }

    @Test("a permanent refusal ends the sequence with the error")
    func forbidden() async throws {
        try await ReplayServer.with(handler: { request, _ in
            Self.isWatch(request) ? try .recorded("70-authz-05-watch-pods-all-namespaces") : try .recorded("30-exit3-01-list")
        }) { server in
            let error = await #expect(throws: KubernetesError.self) { _ = try await Self.events(from: server, count: 5) }
            #expect(error?.kind == .forbidden)
        }
    }
}
