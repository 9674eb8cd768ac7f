import Foundation
import KubernetesFixtures
import Testing

@testable import KubernetesClient

@Suite("recorded bodies decode")
struct FixtureDecodingTests {
    /// What a recorded body should decode as, from its method and path.
    enum Expected {
        case pod, podList, nodeList, namespace, status, watch, text, anyJSON
    }

    static func expected(for exchange: RecordedExchange) -> Expected {
        let path = exchange.path
        if exchange.response.status >= 400 { return exchange.response.isJSON ? .status : .text }
        if exchange.isWatch { return .watch }
        if path.hasSuffix("/log") { return .text }
        if path == "/api/v1/nodes" { return .nodeList }
        if path == "/api/v1/namespaces" { return .namespace }
        if path.hasSuffix("/pods") { return exchange.method == "POST" ? .pod : .podList }
        if path.contains("/pods/") { return .pod }
        return exchange.response.isJSON ? .anyJSON : .text
    }

    static let exchanges: [RecordedExchange] = (try? RecordedExchange.all()) ?? []

    @Test("the recordings are all there")
    func recordingsLoad() throws {
        #expect(try RecordedExchange.all().count > 100)
    }

    @Test("every body decodes with its type", arguments: exchanges.map(\.name))
    func decodes(name: String) throws {
        let exchange = try RecordedExchange.named(name)
        let body = exchange.response.body
        switch Self.expected(for: exchange) {
        case .pod:
            let pod = try KubernetesJSON.decode(Pod.self, from: body)
            #expect(pod.metadata.name != nil)
            #expect(pod.spec?.containers.isEmpty == false)
        case .podList:
            let list = try KubernetesJSON.decode(PodList.self, from: body)
            #expect(list.metadata.resourceVersion != nil)
        case .nodeList:
            let list = try KubernetesJSON.decode(NodeList.self, from: body)
            #expect(!list.items.isEmpty)
        case .namespace:
            let namespace = try KubernetesJSON.decode(Namespace.self, from: body)
            #expect(namespace.metadata.name != nil)
        case .status:
            let status = try KubernetesJSON.decode(Status.self, from: body)
            #expect(status.kind == "Status")
            #expect(status.code == exchange.response.status)
            #expect(status.reason?.isEmpty == false)
            #expect(status.message?.isEmpty == false)
        case .watch:
            #expect(!exchange.response.events.isEmpty || exchange.name.contains("too-large"))
            for line in exchange.response.events {
                _ = try KubernetesJSON.decode(WatchEvent<Pod>.self, from: line)
            }
        case .text:
            #expect(exchange.response.body.count >= 0)
        case .anyJSON:
            _ = try KubernetesJSON.decode(JSONValue.self, from: body)
        }
    }

    @Test("Status of each error: reason, code, details and causes", arguments: [
        ("10-create-02-already-exists", 409, "AlreadyExists", 0, "pods"),
        ("10-create-03-invalid-name-uppercase", 422, "Invalid", 1, "Pod"),
        ("10-create-05-invalid-several-causes", 422, "Invalid", 4, "Pod"),
        ("10-create-06-unknown-field-strict", 400, "BadRequest", 0, nil),
        ("10-create-11-negative-cpu", 422, "Invalid", 2, "Pod"),
        ("20-read-02-get-pod-missing", 404, "NotFound", 0, "pods"),
        ("46-gone-05-list-exact-rv-compacted", 410, "Expired", 0, nil),
        ("60-delete-05-precondition-uid", 409, "Conflict", 0, "Pod"),
        ("70-authz-07-bad-token", 401, "Unauthorized", 0, nil),
        ("70-authz-01-list-pods-default", 403, "Forbidden", 0, "pods"),
        ("52-patch-conflict-02-wrong-content-type", 415, "UnsupportedMediaType", 0, nil),
    ] as [(String, Int, String, Int, String?)])
    func statusShapes(name: String, code: Int, reason: String, causes: Int, detailsKind: String?) throws {
        let status = try KubernetesJSON.decode(Status.self, from: try RecordedExchange.named(name).response.body)
        #expect(status.code == code)
        #expect(status.reason == reason)
        #expect(status.status == "Failure")
        #expect((status.details?.causes ?? []).count == causes)
        #expect(status.details?.kind == detailsKind)
    }

    @Test("validation causes keep their fields, with bracketed map keys")
    func causes() throws {
        let status = try KubernetesJSON.decode(
            Status.self, from: try RecordedExchange.named("10-create-11-negative-cpu").response.body)
        let fields = Set((status.details?.causes ?? []).compactMap(\.field))
        #expect(fields.contains("spec.containers[0].resources.limits[cpu]"))
        #expect(fields.contains("spec.containers[0].resources.requests[cpu]"))
    }

    @Test("504 for a future resourceVersion carries retryAfterSeconds")
    func tooLarge() throws {
        let exchange = try RecordedExchange.named("20-read-12-list-rv-too-large")
        let status = try KubernetesJSON.decode(Status.self, from: exchange.response.body)
        #expect(status.code == 504)
        #expect(status.details?.retryAfterSeconds == 1)
        #expect(status.details?.causes?.first?.reason == "ResourceVersionTooLarge")
        #expect(exchange.response.header("Retry-After") == "1")
    }

    @Test("a terminated container: exit code, reason and times")
    func exit3() throws {
        let pod = try KubernetesJSON.decode(Pod.self, from: try RecordedExchange.named("30-exit3-04-get").response.body)
        #expect(pod.status?.phase == .failed)
        let terminated = try #require(pod.status?.containerStatuses?.first?.state?.terminated)
        #expect(terminated.exitCode == 3)
        #expect(terminated.reason == "Error")
        #expect(terminated.containerID?.isEmpty == false)
        let started = try #require(terminated.startedAt)
        let finished = try #require(terminated.finishedAt)
        #expect(finished >= started)
        #expect(pod.status?.qosClass == "Guaranteed")
        #expect(pod.metadata.labels?["arkd.io/job"] == "fx-exit3")
    }

    @Test("OOM, deadline and start failure read as the cluster reported them")
    func failures() throws {
        let oom = try KubernetesJSON.decode(Pod.self, from: try RecordedExchange.named("32-oom-04-get").response.body)
        #expect(oom.status?.containerStatuses?.first?.state?.terminated?.reason == "OOMKilled")
        #expect(oom.status?.containerStatuses?.first?.state?.terminated?.exitCode == 137)
        #expect(oom.status?.reason == nil)
        let deadline = try KubernetesJSON.decode(
            Pod.self, from: try RecordedExchange.named("33-deadline-04-get").response.body)
        #expect(deadline.status?.reason == "DeadlineExceeded")
        let noCommand = try KubernetesJSON.decode(
            Pod.self, from: try RecordedExchange.named("34-command-not-found-04-get").response.body)
        let terminated = try #require(noCommand.status?.containerStatuses?.first?.state?.terminated)
        #expect(terminated.reason == "StartError")
        #expect(terminated.exitCode == 128)
        #expect(terminated.startedAt == Date(timeIntervalSince1970: 0))
        let waiting = try KubernetesJSON.decode(
            Pod.self, from: try RecordedExchange.named("35-image-never-pull-04-get").response.body)
        #expect(waiting.status?.containerStatuses?.first?.state?.waiting?.reason == "ErrImageNeverPull")
    }

    @Test("an unschedulable pod has only the PodScheduled=False condition")
    func unschedulable() throws {
        let pod = try KubernetesJSON.decode(
            Pod.self, from: try RecordedExchange.named("37-unschedulable-04-get").response.body)
        #expect(pod.status?.containerStatuses == nil)
        #expect(pod.status?.hostIP == nil)
        let condition = try #require(pod.status?.conditions?.first { $0.type == "PodScheduled" })
        #expect(condition.status == "False")
        #expect(condition.reason == "Unschedulable")
    }

    @Test("a watch: events in order, bookmarks with null arrays, resourceVersions")
    func watchEvents() throws {
        let exchange = try RecordedExchange.named("30-exit3-02-watch")
        let events = try exchange.response.events.map { try KubernetesJSON.decode(WatchEvent<Pod>.self, from: $0) }
        guard case .added(let first) = events.first else {
            Issue.record("the first event is not ADDED")
            return
        }
        #expect(first.metadata.name == "arkd-fx-exit3")
        let bookmarks = events.filter {
            if case .bookmark = $0 { return true }
            return false
        }
        #expect(!bookmarks.isEmpty)
        #expect(bookmarks.allSatisfy { $0.resourceVersion != nil })
    }

    @Test("an in-band 410 is an ERROR event with an Expired Status")
    func inBandGone() throws {
        let exchange = try RecordedExchange.named("46-gone-01-watch-rv-too-old")
        let event = try KubernetesJSON.decode(WatchEvent<Pod>.self, from: try #require(exchange.response.events.first))
        guard case .error(let status) = event else {
            Issue.record("not an ERROR event")
            return
        }
        #expect(status.code == 410)
        #expect(status.reason == "Expired")
    }

    @Test("nodes: capacity, allocatable, conditions, nodeInfo, addresses")
    func nodes() throws {
        let list = try KubernetesJSON.decode(
            NodeList.self, from: try RecordedExchange.named("80-nodes-01-list-admin").response.body)
        let node = try #require(list.items.first)
        #expect(node.status?.capacity?["cpu"] != nil)
        #expect(node.status?.allocatable?["memory"] != nil)
        #expect(node.status?.conditions?.contains { $0.type == "Ready" } == true)
        #expect(node.status?.nodeInfo?.kubeletVersion == "v1.28.7")
        #expect(node.status?.addresses?.isEmpty == false)
    }

    @Test("list pages carry continue tokens until the last; remainingItemCount only without selectors")
    func paging() throws {
        let page1 = try KubernetesJSON.decode(
            PodList.self, from: try RecordedExchange.named("20-read-05-list-limit-page1").response.body)
        let page3 = try KubernetesJSON.decode(
            PodList.self, from: try RecordedExchange.named("20-read-07-list-limit-page3").response.body)
        let noSelector = try KubernetesJSON.decode(
            PodList.self, from: try RecordedExchange.named("20-read-10-list-limit-no-selector").response.body)
        #expect(page1.metadata.continueToken?.isEmpty == false)
        #expect(page1.metadata.remainingItemCount == nil)
        #expect(page3.metadata.continueToken == nil || page3.metadata.continueToken == "")
        #expect(page1.metadata.resourceVersion == page3.metadata.resourceVersion)
        #expect(noSelector.metadata.remainingItemCount != nil)
    }

    @Test("a decoded pod encodes back without nils and decodes to the same value")
    func roundTrip() throws {
        let pod = try KubernetesJSON.decode(Pod.self, from: try RecordedExchange.named("10-create-01-valid-pod").response.body)
        let data = try KubernetesJSON.encode(pod)
        #expect(!String(decoding: data, as: UTF8.self).contains("null"))
        #expect(try KubernetesJSON.decode(Pod.self, from: data) == pod)
    }
}
