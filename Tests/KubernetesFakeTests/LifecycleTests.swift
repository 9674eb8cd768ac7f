import Foundation
import KubernetesFake
import KubernetesFixtures
import Testing

/// The recorded pod lifecycles (LIST → WATCH → POST → GET → log), replayed against the scripted
/// kubelet: the watch must show the same ordered states.
@Suite struct LifecycleTests {
    static func script(for pod: JSON) -> PodScript? {
        switch pod.value(at: "metadata", "labels", "arkd.io/job")?.string {
        case "fx-exit3": .runsThenExits(exitCode: 3, log: "hello\n")
        case "fx-exit0": .succeeds(log: "all good\n")
        case "fx-oom": .oomKilled(log: "allocating\n")
        case "fx-deadline": .exceedsDeadline(log: "sleeping\n")
        case "fx-nocmd": .startError
        case "fx-neverpull": .imageNeverPull
        case "fx-pullfail": .imagePullFails
        case "fx-unsched": .unschedulable
        case "fx-rootimage": .createContainerConfigError
        default: .runsForever(log: "")
        }
    }

    static func configure(_ configuration: inout FakeKubernetes.Configuration) {
        configuration.script = script(for:)
        configuration.kubeletPacing = .automatic(stepDelay: .milliseconds(5))
    }

    @Test(arguments: ["30-exit3", "31-exit0", "32-oom", "33-deadline", "34-command-not-found", "35-image-never-pull",
                      "36-image-pull-fails", "37-unschedulable", "38-run-as-non-root-violation"])
    func watchShowsTheRecordedStates(_ scenario: String) async throws {
        try await withFake(Self.configure) { _, bridge, admin in
            let list = try RecordedExchange.named(scenario + "-01-list")
            let watch = try RecordedExchange.named(scenario + "-02-watch")
            let create = try RecordedExchange.named(scenario + "-03-create")

            let listed = try await Compare.replay(list, bridge: bridge, admin: admin)
            #expect(listed.status == 200)
            #expect(listed.json["items"] == .array([]))
            let revision = try #require(listed.json.value(at: "metadata", "resourceVersion")?.string)

            let expected = watch.response.events.compactMap { try? JSON(parsing: $0) }.filter { $0["type"] != "BOOKMARK" }
            let selector = try #require(watch.query["labelSelector"])
            let stream = try await bridge.watch(watch.path, query: "labelSelector=\(selector.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&allowWatchBookmarks=true&resourceVersion=\(revision)&watch=true")
            #expect(stream.status == 200)
            #expect(stream.contentType == "application/json")

            let created = try await Compare.replay(create, bridge: bridge, admin: admin)
            #expect(created.status == 201)

            var got: [JSON] = []
            for try await event in stream.events where event["type"] != "BOOKMARK" {
                got.append(event)
                Compare.knownFields(event["object"] ?? .null)
                if got.count == expected.count { break }
            }
            let shapes = { (events: [JSON]) in events.map { "\($0["type"]?.string ?? "") \(Compare.shape($0["object"] ?? .null))" } }
            #expect(shapes(got) == shapes(expected))

            if let read = try? RecordedExchange.named(scenario + "-04-get") {
                let pod = try await Compare.replay(read, bridge: bridge, admin: admin)
                #expect(pod.status == 200)
                let last = try #require(got.last?["object"])
                if scenario != "36-image-pull-fails" {
                    #expect(Compare.shape(pod.json) == Compare.shape(last))
                    #expect(Compare.shape(last) == Compare.shape(read.responseJSON))
                }
                Compare.knownFields(pod.json)
            }
            if let log = try? RecordedExchange.named(scenario + "-05-log") {
                let text = try await Compare.replay(log, bridge: bridge, admin: admin)
                #expect(text.status == 200)
                #expect(text.header("Content-Type") == "text/plain")
                #expect(text.body == log.response.body)
            }
        }
    }

    @Test func unschedulablePodDeletedWithFinalizerIsMarkedFailed() async throws {
        try await withFake(Self.configure) { fake, bridge, admin in
            let create = try RecordedExchange.named("37-unschedulable-03-create")
            #expect(try await Compare.replay(create, bridge: bridge, admin: admin).status == 201)
            let delete = try RecordedExchange.named("37-unschedulable-05-delete")
            let stream = try await bridge.watch("/api/v1/namespaces/grid/pods",
                                                query: "watch=true&fieldSelector=metadata.name%3Darkd-fx-unsched")
            let deleted = try await Compare.replay(delete, bridge: bridge, admin: admin)
            #expect(deleted.status == 200)
            #expect(deleted.json.value(at: "metadata", "deletionGracePeriodSeconds") == 0)
            #expect(deleted.json.value(at: "metadata", "finalizers") == delete.responseJSON.value(at: "metadata", "finalizers"))
            for try await event in stream.events where event.value(at: "object", "status", "phase") == "Failed" {
                #expect(Compare.shape(event["object"] ?? .null)
                    == Compare.shape(try RecordedExchange.named("37-unschedulable-07-get-marked-failed").responseJSON))
                break
            }
            #expect(await fake.pod(namespace: "grid", name: "arkd-fx-unsched") != nil)
        }
    }

    @Test func manualPacingStepsOnlyWhenTold() async throws {
        try await withFake({ $0.kubeletPacing = .manual; $0.script = { _ in .succeeds(log: "done\n") } }) { fake, bridge, _ in
            let create = try RecordedExchange.named("31-exit0-03-create")
            #expect(try await bridge.send(.POST, create.path, body: create.requestBody).status == 201)
            #expect(await fake.pod(namespace: "grid", name: "arkd-fx-exit0")?.value(at: "spec", "nodeName") == nil)
            #expect(await fake.advanceKubelet() == 1)
            #expect(await fake.pod(namespace: "grid", name: "arkd-fx-exit0")?.value(at: "spec", "nodeName") == "vm")
            await fake.settleKubelet()
            #expect(await fake.pod(namespace: "grid", name: "arkd-fx-exit0")?.value(at: "status", "phase") == "Succeeded")
            let log = try await bridge.send(.GET, "/api/v1/namespaces/grid/pods/arkd-fx-exit0/log")
            #expect(log.text == "done\n")
        }
    }

    @Test func statusChangesAreKeptAfterThePodIsGone() async throws {
        try await withFake({ $0.kubeletPacing = .manual; $0.script = { _ in .succeeds() } }) { fake, bridge, _ in
            let create = try RecordedExchange.named("31-exit0-03-create")
            #expect(try await bridge.send(.POST, create.path, body: create.requestBody).status == 201)
            await fake.settleKubelet()
            #expect(await fake.deletePodExternally(namespace: "grid", name: "arkd-fx-exit0"))
            let changes = await fake.statusChanges(namespace: "grid", name: "arkd-fx-exit0")
            #expect(changes.map(\.phase) == ["Pending", "Pending", "Succeeded"])
            #expect(changes.map(\.containersTerminated) == [false, true, true])
            #expect(changes.map(\.at) == changes.map(\.at).sorted())
        }
    }
}
