import Foundation
import KubernetesFake
import KubernetesFixtures
import Testing

@Suite struct DeleteTests {
    static func configure(_ configuration: inout FakeKubernetes.Configuration) {
        configuration.kubeletPacing = .automatic(stepDelay: .milliseconds(2))
        configuration.script = { pod in
            pod.value(at: "metadata", "labels", "arkd.io/job")?.string == "done" ? .succeeds() : .runsForever(log: "started\n")
        }
    }

    static let path = "/api/v1/namespaces/grid/pods"

    @Test func gracefulDeleteOfRunningPodWithFinalizerFollowsTheRecording() async throws {
        try await withFake(Self.configure) { _, bridge, admin in
            let name = "arkd-fx-harvest-merge"
            try await TestPods.create(bridge, name: name, job: "fx-harvest-merge", until: "Running")
            let recordedWatch = try RecordedExchange.named("51-finalizer-merge-02-watch")
            let expected = recordedWatch.response.events.compactMap { try? JSON(parsing: $0) }.filter { $0["type"] != "BOOKMARK" }
            let stream = try await bridge.watch(Self.path, query: "watch=true&labelSelector=arkd.io%2Fjob%3Dfx-harvest-merge&resourceVersion=\(try await bridge.send(.GET, Self.path).json.value(at: "metadata", "resourceVersion")?.string ?? "")")

            let delete = try RecordedExchange.named("51-finalizer-merge-03-delete")
            let deleted = try await Compare.replay(delete, bridge: bridge, admin: admin)
            #expect(deleted.status == 200)
            #expect(deleted.json["kind"] == "Pod")
            #expect(deleted.json.value(at: "metadata", "deletionGracePeriodSeconds") == 5)

            var got: [JSON] = []
            for try await event in stream.events where event["type"] != "BOOKMARK" {
                got.append(event)
                if got.count == 4 {
                    let forbidden = try RecordedExchange.named("51-finalizer-merge-06-patch-forbidden")
                    Compare.status(try await Compare.replay(forbidden, bridge: bridge, admin: admin), forbidden)
                    let patch = try RecordedExchange.named("51-finalizer-merge-07-patch-admin")
                    let patched = try await Compare.replay(patch, bridge: bridge, admin: admin)
                    #expect(patched.status == 200)
                    #expect(patched.json.value(at: "metadata", "finalizers") == nil)
                }
                if got.count == expected.count { break }
            }
            let shapes = { (events: [JSON]) in events.map { "\($0["type"]?.string ?? "") \(Compare.shape($0["object"] ?? .null))" } }
            #expect(shapes(got) == shapes(expected))
            let exit = got.last?["object"]?.value(at: "status", "containerStatuses")?[0]?.value(at: "state", "terminated", "exitCode")
            #expect(exit == 143)
            let gone = try RecordedExchange.named("51-finalizer-merge-08-get-gone")
            Compare.status(try await Compare.replay(gone, bridge: bridge, admin: admin), gone)
        }
    }

    @Test func finishedPodWithFinalizerIsHeldUntilTheJSONPatch() async throws {
        try await withFake(Self.configure) { fake, bridge, admin in
            let name = "arkd-fx-harvest-json"
            try await TestPods.create(bridge, name: name, job: "done", until: "Succeeded")
            let delete = try RecordedExchange.named("50-finalizer-json-03-delete")
            let deleted = try await Compare.replay(delete, bridge: bridge, admin: admin)
            #expect(deleted.status == 200)
            #expect(deleted.json.value(at: "metadata", "deletionGracePeriodSeconds") == 0)
            let terminating = try await bridge.send(.GET, Self.path + "/" + name)
            #expect(terminating.json.value(at: "metadata", "finalizers") == ["arkd.io/harvest"])
            #expect(terminating.json.value(at: "metadata", "deletionTimestamp") != nil)

            for file in ["50-finalizer-json-05-patch-forbidden", "50-finalizer-json-06-patch-test-fails"] {
                let recorded = try RecordedExchange.named(file)
                Compare.status(try await Compare.replay(recorded, bridge: bridge, admin: admin), recorded)
            }
            let stream = try await bridge.watch(Self.path, query: "watch=true&fieldSelector=metadata.name%3D\(name)&resourceVersion=\(await fake.resourceVersion)")
            let patch = try RecordedExchange.named("50-finalizer-json-07-patch-admin")
            let patched = try await Compare.replay(patch, bridge: bridge, admin: admin)
            #expect(patched.status == 200)
            #expect(patched.json.value(at: "metadata", "finalizers") == nil)
            for try await event in stream.events {
                #expect(event["type"] == "DELETED")
                break
            }
            let gone = try RecordedExchange.named("50-finalizer-json-08-get-gone")
            Compare.status(try await Compare.replay(gone, bridge: bridge, admin: admin), gone)
        }
    }

    @Test func patchConflictsAndMediaTypes() async throws {
        try await withFake(Self.configure) { _, bridge, admin in
            let name = "arkd-fx-conflict"
            try await TestPods.create(bridge, name: name, job: "done", until: "Succeeded")
            for file in ["52-patch-conflict-01-stale-rv", "52-patch-conflict-02-wrong-content-type"] {
                let recorded = try RecordedExchange.named(file)
                let contentType = file.hasSuffix("content-type") ? "application/json" : nil
                Compare.status(try await Compare.replay(recorded, bridge: bridge, admin: admin, contentType: contentType), recorded)
            }
            let labels = try await admin.send(.PATCH, Self.path + "/" + name, json: ["metadata": ["labels": ["extra": "yes"]]],
                                              contentType: "application/merge-patch+json")
            #expect(labels.json.value(at: "metadata", "labels", "extra") == "yes")
            _ = try await admin.send(.PATCH, Self.path + "/" + name, json: ["metadata": ["finalizers": ["other.io/x"]]],
                                     contentType: "application/strategic-merge-patch+json")
            let strategic = try RecordedExchange.named("52-patch-conflict-03-strategic-merge")
            let merged = try await Compare.replay(strategic, bridge: bridge, admin: admin)
            #expect(merged.status == 200)
            #expect(merged.json.value(at: "metadata", "finalizers") == ["other.io/x"])
            Compare.knownFields(merged.json)
        }
    }

    @Test func deleteVariants() async throws {
        try await withFake(Self.configure) { fake, bridge, admin in
            for (index, name) in ["arkd-fx-del-grace0", "arkd-fx-del-background", "arkd-fx-del-body",
                                  "arkd-fx-del-precond"].enumerated() {
                try await TestPods.create(bridge, name: name, job: "del-\(index)", finalizer: false, until: "Running")
            }
            let dryRun = try RecordedExchange.named("60-delete-08-dry-run")
            let dry = try await Compare.replay(dryRun, bridge: bridge, admin: admin)
            #expect(dry.status == 200)
            #expect(dry.json.value(at: "metadata", "deletionGracePeriodSeconds") == 5)
            #expect(await fake.pod(namespace: "grid", name: "arkd-fx-del-background")?.value(at: "metadata", "deletionTimestamp") == nil)

            let grace0 = try RecordedExchange.named("60-delete-01-grace0")
            let immediate = try await Compare.replay(grace0, bridge: bridge, admin: admin)
            #expect(immediate.status == 200)
            #expect(immediate.json.value(at: "metadata", "deletionGracePeriodSeconds") == 0)
            let afterGrace0 = try RecordedExchange.named("60-delete-02-grace0-get")
            Compare.status(try await Compare.replay(afterGrace0, bridge: bridge, admin: admin), afterGrace0)

            let stream = try await bridge.watch(Self.path, query: "watch=true&fieldSelector=metadata.name%3Darkd-fx-del-background")
            let background = try RecordedExchange.named("60-delete-03-background")
            let graceful = try await Compare.replay(background, bridge: bridge, admin: admin)
            #expect(graceful.json.value(at: "metadata", "deletionGracePeriodSeconds") == 5)
            let body = try RecordedExchange.named("60-delete-04-body-deleteoptions")
            let withBody = try await Compare.replay(body, bridge: bridge, admin: admin)
            #expect(withBody.json.value(at: "metadata", "deletionGracePeriodSeconds") == 1)

            let precondition = try RecordedExchange.named("60-delete-05-precondition-uid")
            let conflict = try await Compare.replay(precondition, bridge: bridge, admin: admin)
            Compare.status(conflict, precondition, message: false)
            #expect(conflict.json["message"]?.string?.hasPrefix("Operation cannot be fulfilled on Pod \"arkd-fx-del-precond\": the UID in the precondition (00000000-0000-0000-0000-000000000000) does not match") == true)
            let uid = try #require(await fake.pod(namespace: "grid", name: "arkd-fx-del-precond")?.value(at: "metadata", "uid"))
            let matching = try await bridge.send(.DELETE, Self.path + "/arkd-fx-del-precond",
                                                 json: ["kind": "DeleteOptions", "apiVersion": "v1", "preconditions": ["uid": uid]])
            #expect(matching.status == 200)

            let missing = try RecordedExchange.named("60-delete-07-missing")
            Compare.status(try await Compare.replay(missing, bridge: bridge, admin: admin), missing)

            var deletedEvent = false
            for try await event in stream.events where event["type"] == "DELETED" {
                deletedEvent = true
                #expect(event.value(at: "object", "status", "containerStatuses")?[0]?.value(at: "state", "terminated", "exitCode") == 143)
                break
            }
            #expect(deletedEvent)
        }
    }
}
