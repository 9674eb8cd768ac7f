import Foundation
import KubernetesFixtures
import Testing

@testable import KubernetesClient

@Suite("client requests against a replaying server")
struct ClientRequestTests {
    @Test("create: POST with fieldValidation=Strict, JSON body, bearer token; 201 returns the pod")
    func create() async throws {
        try await ReplayServer.with(handler: { _, _ in try .recorded("10-create-01-valid-pod") }) { server in
            let created = try await withClient(server) { try await $0.createPod(samplePod()) }
            #expect(created.object.metadata.uid != nil)
            #expect(created.object.status?.phase == .pending)
            #expect(created.warnings.isEmpty)
            let request = try #require(await server.log.requests.first)
            #expect(request.method == "POST")
            #expect(request.path == "/api/v1/namespaces/grid/pods")
            #expect(request.query["fieldValidation"] == "Strict")
            #expect(request.header("Authorization") == "Bearer test-token")
            #expect(request.header("Content-Type") == "application/json")
            #expect(request.header("Accept") == "application/json")
            let sent = try KubernetesJSON.decode(Pod.self, from: request.body)
            #expect(sent == samplePod())
            #expect(!String(decoding: request.body, as: UTF8.self).contains("null"))
        }
    }

    @Test("create: Warning headers are surfaced")
    func warnings() async throws {
        try await ReplayServer.with(handler: { _, _ in try .recorded("10-create-07-unknown-field-default-warn") }) { server in
            let created = try await withClient(server) { try await $0.createPod(samplePod()) }
            #expect(created.warnings.count == 2)
            #expect(created.warnings.allSatisfy { $0.contains("unknown field") })
        }
    }

    @Test("create errors are typed, with reason, causes, verb and path", arguments: [
        ("10-create-02-already-exists", KubernetesError.Kind.alreadyExists, 409, 0),
        ("10-create-05-invalid-several-causes", .invalid, 422, 4),
        ("10-create-06-unknown-field-strict", .badRequest, 400, 0),
        ("10-create-09-namespace-missing-bridge", .forbidden, 403, 0),
        ("90-pss-02-hardened-with-hostpath", .forbidden, 403, 0),
    ])
    func createErrors(recording: String, kind: KubernetesError.Kind, code: Int, causes: Int) async throws {
        try await ReplayServer.with(handler: { _, _ in try .recorded(recording) }) { server in
            let error = await #expect(throws: KubernetesError.self) {
                try await withClient(server) { try await $0.createPod(samplePod()) }
            }
            #expect(error?.kind == kind)
            #expect(error?.statusCode == code)
            #expect(error?.causes.count == causes)
            #expect(error?.verb == "create")
            #expect(error?.path == "/api/v1/namespaces/grid/pods")
            #expect(error?.isTransient == false)
            #expect(error?.attempts == 1)
            #expect(await server.log.requests.count == 1)
        }
    }

    @Test("get: 200 is the pod, 404 is .notFound")
    func get() async throws {
        try await ReplayServer.with(handler: { request, _ in
            request.path.hasSuffix("/arkd-fx-exit3") ? try .recorded("30-exit3-04-get") : try .recorded("20-read-02-get-pod-missing")
        }) { server in
            try await withClient(server) { client in
                let pod = try await client.getPod(name: "arkd-fx-exit3")
                #expect(pod.status?.containerStatuses?.first?.state?.terminated?.exitCode == 3)
                let error = await #expect(throws: KubernetesError.self) { try await client.getPod(name: "missing") }
                #expect(error?.kind == .notFound)
                #expect(error?.reason == "NotFound")
                #expect(error?.description.contains("get /api/v1/namespaces/grid/pods/missing: HTTP 404 NotFound") == true)
            }
        }
    }

    @Test("list follows continue tokens and keeps the first page's resourceVersion")
    func paging() async throws {
        let pages = try ["20-read-05-list-limit-page1", "20-read-06-list-limit-page2", "20-read-07-list-limit-page3"]
            .map { try KubernetesJSON.decode(PodList.self, from: RecordedExchange.named($0).response.body) }
        let firstToken = pages[0].metadata.continueToken
        let secondToken = pages[1].metadata.continueToken
        try await ReplayServer.with(handler: { request, _ in
            switch request.query["continue"] {
            case nil: try .recorded("20-read-05-list-limit-page1")
            case firstToken: try .recorded("20-read-06-list-limit-page2")
            case secondToken: try .recorded("20-read-07-list-limit-page3")
            default: .json(410, "{}")
            }
        }) { server in
            let list = try await withClient(server) { client in
                try await client.listAllPods(options: ListOptions(labelSelector: "app.kubernetes.io/managed-by=arkd"),
                                             pageSize: 2)
            }
            #expect(list.items.count == pages.reduce(0) { $0 + $1.items.count })
            #expect(list.metadata.resourceVersion == pages[0].metadata.resourceVersion)
            #expect(list.metadata.continueToken == nil || list.metadata.continueToken == "")
            let requests = await server.log.requests
            #expect(requests.count == 3)
            #expect(requests.allSatisfy { $0.query["limit"] == "2" })
            #expect(requests.allSatisfy { $0.query["labelSelector"] == "app.kubernetes.io/managed-by=arkd" })
            #expect(requests[1].query["continue"] == pages[0].metadata.continueToken)
        }
    }

    @Test("list query: selectors, resourceVersion and match are sent encoded")
    func listQuery() async throws {
        try await ReplayServer.with(handler: { _, _ in try .recorded("20-read-15-list-empty") }) { server in
            let list = try await withClient(server) { client in
                try await client.listPods(options: ListOptions(labelSelector: "arkd.io/job=a,arkd.io/queue in (x,y)",
                                                               fieldSelector: "status.phase!=Succeeded", limit: 10,
                                                               resourceVersion: "0", resourceVersionMatch: "NotOlderThan"))
            }
            #expect(list.items.isEmpty)
            let request = try #require(await server.log.requests.first)
            #expect(request.query["labelSelector"] == "arkd.io/job=a,arkd.io/queue in (x,y)")
            #expect(request.query["fieldSelector"] == "status.phase!=Succeeded")
            #expect(request.query["resourceVersion"] == "0")
            #expect(request.query["resourceVersionMatch"] == "NotOlderThan")
            #expect(request.rawQuery.contains("labelSelector=arkd.io%2Fjob%3Da%2Carkd.io%2Fqueue%20in%20%28x%2Cy%29"))
        }
    }

    @Test("delete sends DeleteOptions with grace period and preconditions; 200 is the pod, 409 a conflict")
    func delete() async throws {
        try await ReplayServer.with(handler: { _, earlier in
            earlier == 0 ? try .recorded("60-delete-01-grace0") : try .recorded("60-delete-05-precondition-uid")
        }) { server in
            try await withClient(server) { client in
                let pod = try await client.deletePod(name: "arkd-fx-del-grace0",
                                                     options: DeleteOptions(gracePeriodSeconds: 0, preconditionUID: "u-1"))
                #expect(pod.metadata.deletionTimestamp != nil)
                #expect(pod.metadata.deletionGracePeriodSeconds == 0)
                let error = await #expect(throws: KubernetesError.self) {
                    try await client.deletePod(name: "arkd-fx-del-grace0", options: DeleteOptions(preconditionUID: "other"))
                }
                #expect(error?.kind == .conflict)
            }
            let request = try #require(await server.log.requests.first)
            #expect(request.method == "DELETE")
            let body = try KubernetesJSON.decode(JSONValue.self, from: request.body)
            #expect(body == .object(["kind": .string("DeleteOptions"), "apiVersion": .string("v1"),
                                     "gracePeriodSeconds": .number(0),
                                     "preconditions": .object(["uid": .string("u-1")])]))
        }
    }

    @Test("patches carry their content type; removing a finalizer is a strategic merge")
    func patch() async throws {
        try await ReplayServer.with(handler: { _, _ in try .recorded("52-patch-conflict-03-strategic-merge") }) { server in
            try await withClient(server) { client in
                _ = try await client.removeFinalizer("arkd.io/harvest", fromPod: "arkd-fx-conflict")
                _ = try await client.patchPod(name: "arkd-fx-conflict",
                                              patch: .object(["metadata": .object(["finalizers": .null])]))
            }
            let requests = await server.log.requests
            #expect(requests.map(\.method) == ["PATCH", "PATCH"])
            #expect(requests[0].header("Content-Type") == "application/strategic-merge-patch+json")
            #expect(String(decoding: requests[0].body, as: UTF8.self)
                == #"{"metadata":{"$deleteFromPrimitiveList/finalizers":["arkd.io/harvest"]}}"#)
            #expect(requests[1].header("Content-Type") == "application/merge-patch+json")
            #expect(String(decoding: requests[1].body, as: UTF8.self) == #"{"metadata":{"finalizers":null}}"#)
        }
    }

    @Test("415 for a patch is typed")
    func unsupportedMediaType() async throws {
        try await ReplayServer.with(handler: { _, _ in try .recorded("52-patch-conflict-02-wrong-content-type") }) { server in
            let error = await #expect(throws: KubernetesError.self) {
                try await withClient(server) { try await $0.patchPod(name: "x", patch: .object([:])) }
            }
            #expect(error?.kind == .unsupportedMediaType)
        }
    }

    @Test("logs: bytes as sent, options in the query, 400 for a waiting container")
    func logs() async throws {
        try await ReplayServer.with(handler: { request, _ in
            request.path.contains("neverpull") ? try .recorded("40-logs-07-waiting-container") : try .recorded("30-exit3-05-log")
        }) { server in
            try await withClient(server) { client in
                let log = try await client.podLog(name: "arkd-fx-exit3",
                                                  options: PodLogOptions(container: "job", limitBytes: 100, tailLines: 5))
                #expect(log == Array("hello\n".utf8))
                var streamed: [UInt8] = []
                for try await piece in try await client.streamPodLog(name: "arkd-fx-exit3") { streamed += piece }
                #expect(streamed == Array("hello\n".utf8))
                let error = await #expect(throws: KubernetesError.self) { try await client.podLog(name: "arkd-fx-neverpull") }
                #expect(error?.kind == .badRequest)
            }
            let request = try #require(await server.log.requests.first)
            #expect(request.path == "/api/v1/namespaces/grid/pods/arkd-fx-exit3/log")
            #expect(request.query == ["container": "job", "limitBytes": "100", "tailLines": "5"])
        }
    }

    @Test("nodes: capacity from a NodeList")
    func nodes() async throws {
        try await ReplayServer.with(handler: { _, _ in try .recorded("80-nodes-01-list-admin") }) { server in
            let nodes = try await withClient(server) { try await $0.listNodes() }
            #expect(nodes.items.first?.status?.allocatable?["cpu"] != nil)
            #expect(await server.log.requests.first?.path == "/api/v1/nodes")
        }
    }
}
