import Foundation
import KubernetesFake
import KubernetesFixtures
import Testing

@Suite struct AccessAndLogTests {
    @Test(arguments: ["70-authz-01-list-pods-default", "70-authz-02-list-nodes", "70-authz-03-get-secret",
                      "70-authz-04-list-secrets", "70-authz-05-watch-pods-all-namespaces", "70-authz-06-create-pod-exec",
                      "70-authz-07-bad-token", "70-authz-08-anonymous", "70-authz-09-put-pod",
                      "01-discovery-version-anonymous"])
    func accessMatchesTheRecording(_ name: String) async throws {
        try await withFake { _, bridge, admin in
            let recorded = try RecordedExchange.named(name)
            let response = try await Compare.replay(recorded, bridge: bridge, admin: admin)
            Compare.status(response, recorded)
            #expect(response.header("Transfer-Encoding") == nil || recorded.isWatch == false)
        }
    }

    @Test func adminListsAllNamespacesAndPlainHTTPWorks() async throws {
        try await withFake({ $0.useTLS = false }) { fake, bridge, _ in
            #expect(fake.baseURL.hasPrefix("http://"))
            #expect(fake.caCertificatePEM == nil)
            fake.register(token: "root", as: .admin)
            let root = try FakeClient(fake, .token("root"))
            try await TestPods.create(bridge, name: "arkd-fx-one", job: "one")
            let all = try await root.send(.GET, "/api/v1/pods")
            #expect(all.status == 200)
            #expect(all.json["items"]?.array?.count == 1)
            let denied = try await bridge.send(.GET, "/api/v1/pods")
            #expect(denied.status == 403)
            await fake.shutdown()
            try await root.shutdown()
        }
    }

    @Test func clientCertificateOfANamespacedIdentity() async throws {
        try await withFake { fake, _, _ in
            let pair = try #require(try fake.clientCertificate(for: .gridBridge()))
            let client = try FakeClient(fake, .certificate(pair))
            #expect(try await client.send(.GET, "/api/v1/namespaces/grid/pods").status == 200)
            let denied = try await client.send(.GET, "/api/v1/namespaces/default/pods")
            #expect(denied.status == 403)
            #expect(denied.json["message"]?.string?.contains("system:serviceaccount:grid:grid-bridge") == true)
            await fake.shutdown()
            try await client.shutdown()
        }
    }

    static func configure(_ configuration: inout FakeKubernetes.Configuration) {
        configuration.kubeletPacing = .automatic(stepDelay: .milliseconds(2))
        configuration.script = { pod in
            if pod.value(at: "metadata", "name")?.string == "arkd-fx-neverpull" { return .imageNeverPull }
            let log = (try? RecordedExchange.named("40-logs-01-running")).map { String(decoding: $0.response.body, as: UTF8.self) }
            return .runsForever(log: log ?? "")
        }
    }

    @Test func logsMatchTheRecordings() async throws {
        try await withFake(Self.configure) { _, bridge, admin in
            try await TestPods.create(bridge, name: "arkd-fx-main", job: "fx-main", until: "Running")
            for name in ["40-logs-01-running", "40-logs-02-tail-lines", "40-logs-06-limit-bytes"] {
                let recorded = try RecordedExchange.named(name)
                let response = try await Compare.replay(recorded, bridge: bridge, admin: admin)
                #expect(response.status == 200)
                #expect(response.header("Content-Type") == "text/plain")
                #expect(response.body == recorded.response.body, "\(name)")
            }
            let stamped = try await Compare.replay(try RecordedExchange.named("40-logs-03-timestamps"), bridge: bridge, admin: admin)
            let lines = stamped.text.split(separator: "\n")
            #expect(lines.count == 7)
            #expect(lines.allSatisfy { $0.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z .*/) != nil })

            var pending = try await bridge.send(.POST, "/api/v1/namespaces/grid/pods",
                                                body: try TestPods.body(name: "arkd-fx-neverpull", job: "fx-neverpull"))
            #expect(pending.status == 201)
            let stream = try await bridge.watch("/api/v1/namespaces/grid/pods", query: "watch=true&fieldSelector=metadata.name%3Darkd-fx-neverpull")
            for try await event in stream.events
            where event.value(at: "object", "status", "containerStatuses")?[0]?.value(at: "state", "waiting", "reason") == "ErrImageNeverPull" {
                break
            }
            for name in ["40-logs-04-missing-container", "40-logs-05-missing-pod", "40-logs-07-waiting-container", "40-logs-08-previous"] {
                let recorded = try RecordedExchange.named(name)
                pending = try await Compare.replay(recorded, bridge: bridge, admin: admin)
                Compare.status(pending, recorded)
            }
        }
    }
}
