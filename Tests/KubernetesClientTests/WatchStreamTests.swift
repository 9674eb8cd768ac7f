import Foundation
import KubernetesFixtures
import Testing

@testable import KubernetesClient

@Suite("watch streams")
struct WatchStreamTests {
    @Test("a recorded watch: the query, every event in order, a clean end")
    func recorded() async throws {
        let exchange = try RecordedExchange.named("30-exit3-02-watch")
        try await ReplayServer.with(handler: { _, _ in try .recorded("30-exit3-02-watch") }) { server in
            let events = try await withClient(server) { client in
                var events: [WatchEvent<Pod>] = []
                let options = WatchOptions(labelSelector: "arkd.io/job=fx-exit3", resourceVersion: "100", timeout: .seconds(20))
                for try await event in try await client.watchPods(options: options) { events.append(event) }
                return events
            }
            #expect(events.count == exchange.response.events.count)
            guard case .added(let pod) = events.first else {
                Issue.record("the first event is not ADDED")
                return
            }
            #expect(pod.metadata.name == "arkd-fx-exit3")
            let request = try #require(await server.log.requests.first)
            #expect(request.query == ["watch": "true", "allowWatchBookmarks": "true", "labelSelector": "arkd.io/job=fx-exit3",
                                      "resourceVersion": "100", "timeoutSeconds": "20"])
        }
    }

    @Test("events split across chunks and several in one chunk decode the same")
    func chunking() async throws {
        let events = try RecordedExchange.named("31-exit0-02-watch").response.events
        var bytes: [UInt8] = []
        for event in events { bytes += Array(event) + [UInt8(ascii: "\n")] }
        // Cut the stream at odd places: inside the first event twice, then two events and a half at once.
        let cuts = [7, 300, events[0].count + events[1].count + events[2].count + 40, bytes.count]
        var chunks: [[UInt8]] = []
        var start = 0
        for cut in cuts where cut > start && cut <= bytes.count {
            chunks.append(Array(bytes[start..<cut]))
            start = cut
        }
        let split = chunks
        try await ReplayServer.with(handler: { _, _ in
            Reply(status: 200, headers: [("Content-Type", "application/json")], chunks: split)
        }) { server in
            let decoded = try await withClient(server) { client in
                var versions: [String?] = []
                for try await event in try await client.watchPods() { versions.append(event.resourceVersion) }
                return versions
            }
            let expected = try events.map { try KubernetesJSON.decode(WatchEvent<Pod>.self, from: $0).resourceVersion }
            #expect(decoded == expected)
        }
    }

    @Test("a last event without its newline still counts")
    func missingFinalNewline() async throws {
        let event = try #require(try RecordedExchange.named("31-exit0-02-watch").response.events.first)
        try await ReplayServer.with(handler: { _, _ in
            Reply(status: 200, headers: [("Content-Type", "application/json")], chunks: [Array(event), []])
        }) { server in
            let count = try await withClient(server) { client in
                var count = 0
                for try await _ in try await client.watchPods() { count += 1 }
                return count
            }
            #expect(count == 1)
        }
    }

    @Test("an in-band 410 ERROR event ends the stream with .gone")
    func inBandGone() async throws {
        try await ReplayServer.with(handler: { _, _ in try .recorded("46-gone-01-watch-rv-too-old") }) { server in
            let error = await #expect(throws: KubernetesError.self) {
                try await withClient(server) { client in
                    for try await _ in try await client.watchPods(options: WatchOptions(resourceVersion: "1")) {}
                }
            }
            #expect(error?.kind == .gone)
            #expect(error?.statusCode == 410)
            #expect(error?.reason == "Expired")
        }
    }

    @Test("a forbidden watch is an error from watchPods, not a stream")
    func forbidden() async throws {
        try await ReplayServer.with(handler: { _, _ in try .recorded("70-authz-05-watch-pods-all-namespaces") }) { server in
            let error = await #expect(throws: KubernetesError.self) {
                try await withClient(server) { _ = try await $0.watchPods(allNamespaces: true) }
            }
            #expect(error?.kind == .forbidden)
            #expect(error?.verb == "watch")
            #expect(await server.log.requests.first?.path == "/api/v1/pods")
        }
    }

    @Test("the line framer splits on newlines wherever the chunks end")
    func framer() {
        var framer = LineFramer()
        framer.append(Array("ab".utf8))
        #expect(framer.nextLine() == nil)
        framer.append(Array("c\r\nde\n\nf".utf8))
        #expect(framer.nextLine() == Array("abc".utf8))
        #expect(framer.nextLine() == Array("de".utf8))
        #expect(framer.nextLine() == [])
        #expect(framer.nextLine() == nil)
        #expect(framer.remainder() == Array("f".utf8))
        #expect(framer.remainder() == nil)
    }
}
