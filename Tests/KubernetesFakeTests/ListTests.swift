import Foundation
import KubernetesFake
import KubernetesFixtures
import Testing

@Suite struct ListTests {
    static func configure(_ configuration: inout FakeKubernetes.Configuration) {
        configuration.kubeletPacing = .automatic(stepDelay: .milliseconds(2))
        configuration.script = { pod in
            pod.value(at: "metadata", "labels", "arkd.io/job")?.string == "done" ? .succeeds() : .runsForever()
        }
    }

    @Test(arguments: ["20-read-02-get-pod-missing", "20-read-13-list-bad-selector", "20-read-14-list-bad-field-selector",
                      "20-read-15-list-empty"])
    func readMatchesTheRecording(_ name: String) async throws {
        try await withFake { _, bridge, admin in
            let recorded = try RecordedExchange.named(name)
            let response = try await Compare.replay(recorded, bridge: bridge, admin: admin)
            Compare.status(response, recorded)
            if recorded.response.status == 200 {
                #expect(response.json["items"] == .array([]))
                #expect(response.json["kind"] == "PodList")
            }
        }
    }

    @Test func tooLargeResourceVersionIs504WithRetryAfter() async throws {
        try await withFake { _, bridge, admin in
            let recorded = try RecordedExchange.named("20-read-12-list-rv-too-large")
            let response = try await Compare.replay(recorded, bridge: bridge, admin: admin)
            Compare.status(response, recorded, message: false)
            #expect(response.header("Retry-After") == "1")
            #expect(response.json.value(at: "details", "retryAfterSeconds") == 1)
        }
    }

    @Test func selectorsAndPagination() async throws {
        try await withFake(Self.configure) { fake, bridge, _ in
            for index in 1...4 { try await TestPods.create(bridge, name: "arkd-fx-list-\(index)", job: "run", until: "Running") }
            try await TestPods.create(bridge, name: "arkd-fx-done", job: "done", until: "Succeeded")
            let path = "/api/v1/namespaces/grid/pods"

            let running = try await bridge.send(.GET, path, query: "labelSelector=app.kubernetes.io%2Fmanaged-by%3Darkd&fieldSelector=status.phase%21%3DSucceeded")
            #expect(running.json["items"]?.array?.count == 4)
            for selector in ["arkd.io/job in (done,other)", "arkd.io/job==done", "arkd.io/job,arkd.io/job notin (run)",
                             "!nothing,arkd.io/job=done", "arkd.io/job!=run"] {
                let query = "labelSelector=" + (selector.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
                let selected = try await bridge.send(.GET, path, query: query)
                #expect(selected.json["items"]?.array?.compactMap { $0.value(at: "metadata", "name")?.string } == ["arkd-fx-done"], "\(selector)")
            }

            var names: [String] = []
            var token: String?
            var revisions: Set<String> = []
            repeat {
                let query = "labelSelector=app.kubernetes.io%2Fmanaged-by%3Darkd&limit=2" + (token.map { "&continue=\($0)" } ?? "")
                let page = try await bridge.send(.GET, path, query: query)
                #expect(page.status == 200)
                #expect(page.json.value(at: "metadata", "remainingItemCount") == nil)
                revisions.insert(page.json.value(at: "metadata", "resourceVersion")?.string ?? "")
                names += page.json["items"]?.array?.compactMap { $0.value(at: "metadata", "name")?.string } ?? []
                token = page.json.value(at: "metadata", "continue")?.string
                _ = try await bridge.send(.DELETE, path + "/arkd-fx-list-4", query: "gracePeriodSeconds=0")
            } while token != nil
            #expect(names == ["arkd-fx-done", "arkd-fx-list-1", "arkd-fx-list-2", "arkd-fx-list-3", "arkd-fx-list-4"])
            #expect(revisions.count == 1)

            let unfiltered = try await bridge.send(.GET, path, query: "limit=2")
            #expect(unfiltered.json.value(at: "metadata", "remainingItemCount") == 3)
            let pageToken = try #require(unfiltered.json.value(at: "metadata", "continue")?.string)
            #expect(await fake.deletePodExternally(namespace: "grid", name: "arkd-fx-list-4"))
            await fake.compact()
            let recorded = try RecordedExchange.named("46-gone-04-list-continue-after-compaction")
            let expired = try await bridge.send(.GET, path, query: "limit=2&continue=\(pageToken)")
            Compare.status(expired, recorded)
            #expect(expired.json.value(at: "metadata", "continue")?.string?.isEmpty == false)

            let exact = try RecordedExchange.named("46-gone-05-list-exact-rv-compacted")
            let old = try await bridge.send(.GET, path, query: "resourceVersion=1&resourceVersionMatch=Exact")
            Compare.status(old, exact)
            let cached = try await bridge.send(.GET, path, query: "resourceVersion=0")
            #expect(cached.status == 200)
            #expect(cached.json["items"]?.array?.count == 4)
            for item in cached.json["items"]?.array ?? [] {
                #expect(item["kind"] == nil)
                Compare.knownFields(item)
            }
        }
    }

    @Test func nodesAndPodsPerNode() async throws {
        try await withFake(Self.configure) { _, bridge, admin in
            let recorded = try RecordedExchange.named("80-nodes-01-list-admin")
            let nodes = try await Compare.replay(recorded, bridge: bridge, admin: admin)
            #expect(nodes.status == 200)
            #expect(nodes.json["kind"] == "NodeList")
            let node = try #require(nodes.json["items"]?[0])
            let expectedNode = try #require(recorded.responseJSON["items"]?[0])
            #expect(node.value(at: "status", "capacity") == expectedNode.value(at: "status", "capacity"))
            #expect(node.value(at: "status", "allocatable")?.object?.keys.sorted()
                == expectedNode.value(at: "status", "allocatable")?.object?.keys.sorted())
            #expect(node.value(at: "metadata", "name") == "vm")
            Compare.knownFields(node, as: "Node")

            let forbidden = try RecordedExchange.named("70-authz-02-list-nodes")
            Compare.status(try await Compare.replay(forbidden, bridge: bridge, admin: admin), forbidden)

            try await TestPods.create(bridge, name: "arkd-fx-node-a", job: "run", until: "Running")
            try await TestPods.create(bridge, name: "arkd-fx-node-b", job: "done", until: "Succeeded")
            let perNode = try RecordedExchange.named("80-nodes-02-list-pods-on-node")
            let pods = try await admin.send(.GET, perNode.path, query: perNode.rawQuery)
            #expect(pods.status == 200)
            #expect(pods.json["items"]?.array?.compactMap { $0.value(at: "metadata", "name")?.string } == ["arkd-fx-node-a"])
        }
    }
}
