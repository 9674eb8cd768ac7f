import Foundation
import Testing

@testable import KubernetesClient

@Suite("client retries, deadlines and tokens")
struct ClientRetryTests {
    @Test("429 (plain text, Retry-After) is retried, then succeeds; each attempt is reported")
    func throttled() async throws {
        let metrics = MetricsLog()
        try await ReplayServer.with(handler: { _, earlier in
            earlier == 0 ? try .recorded("75-throttle-01-429") : try .recorded("20-read-03-list-labelselector")
        }) { server in
            let list = try await withClient(server, options: .test(metrics: metrics)) { try await $0.listPods() }
            #expect(!list.items.isEmpty)
            #expect(await server.log.requests.count == 2)
        }
        #expect(metrics.all.map(\.statusCode) == [429, 200])
        #expect(metrics.all.map(\.verb) == ["list", "list"])
        #expect(metrics.all.map(\.attempt) == [1, 2])
    }

    @Test("a 429 that never ends gives up after maxAttempts with the text and Retry-After")
    func throttledForever() async throws {
        try await ReplayServer.with(handler: { _, _ in try .recorded("75-throttle-01-429") }) { server in
            let error = await #expect(throws: KubernetesError.self) {
                try await withClient(server, options: .test(maxAttempts: 3)) { try await $0.listPods() }
            }
            #expect(error?.kind == .tooManyRequests)
            #expect(error?.message == "Too many requests, please try again later.")
            #expect(error?.retryAfter == .seconds(1))
            #expect(error?.attempts == 3)
            #expect(error?.isTransient == true)
            #expect(await server.log.requests.count == 3)
        }
    }

    @Test("5xx is retried: 503, then 504 with Retry-After, then success")
    func serverErrors() async throws {
        try await ReplayServer.with(handler: { _, earlier in
            switch earlier {
            case 0: .json(503, #"{"kind":"Status","status":"Failure","message":"unavailable","reason":"ServiceUnavailable","code":503}"#)
            case 1: try .recorded("20-read-12-list-rv-too-large")
            default: try .recorded("30-exit3-04-get")
            }
        }) { server in
            let pod = try await withClient(server) { try await $0.getPod(name: "arkd-fx-exit3") }
            #expect(pod.metadata.name == "arkd-fx-exit3")
            #expect(await server.log.requests.count == 3)
        }
    }

    @Test("a named create retried after a 5xx reports AlreadyExists from its own earlier success")
    func createRetriedThenExists() async throws {
        try await ReplayServer.with(handler: { _, earlier in
            earlier == 0 ? .json(500, #"{"kind":"Status","status":"Failure","message":"etcd timeout","reason":"InternalError","code":500}"#)
                : try .recorded("10-create-02-already-exists")
        }) { server in
            let error = await #expect(throws: KubernetesError.self) {
                try await withClient(server) { try await $0.createPod(samplePod()) }
            }
            #expect(error?.kind == .alreadyExists)
            #expect(error?.attempts == 2)
        }
    }

    @Test("a generateName create is not repeated after a 5xx, but is after a 429")
    func generatedCreate() async throws {
        try await ReplayServer.with(handler: { _, _ in
            .json(500, #"{"kind":"Status","status":"Failure","message":"boom","reason":"InternalError","code":500}"#)
        }) { server in
            let error = await #expect(throws: KubernetesError.self) {
                try await withClient(server) { try await $0.createPod(samplePod(name: nil, generateName: "arkd-")) }
            }
            #expect(error?.kind == .serverError)
            #expect(await server.log.requests.count == 1)
        }
        try await ReplayServer.with(handler: { _, earlier in
            earlier == 0 ? try .recorded("75-throttle-01-429") : try .recorded("10-create-01-valid-pod")
        }) { server in
            let created = try await withClient(server) { try await $0.createPod(samplePod(name: nil, generateName: "arkd-")) }
            #expect(created.attempts == 2)
        }
    }

    @Test("a request past its deadline fails as a transient timeout")
    func deadline() async throws {
        try await ReplayServer.with(handler: { _, _ in
            var reply = try Reply.recorded("30-exit3-04-get")
            reply.delay = .seconds(30)
            return reply
        }) { server in
            let error = await #expect(throws: KubernetesError.self) {
                try await withClient(server, options: .test(maxAttempts: 1, requestTimeout: .milliseconds(200))) {
                    try await $0.getPod(name: "arkd-fx-exit3")
                }
            }
            #expect(error?.kind == .timeout)
            #expect(error?.isTransient == true)
        }
    }

    @Test("connection refused is a transient network error, retried up to maxAttempts")
    func refused() async throws {
        let metrics = MetricsLog()
        let configuration = KubernetesConfiguration(server: try #require(URL(string: "http://127.0.0.1:1")), namespace: "grid")
        let client = try KubernetesClient(configuration: configuration, options: .test(maxAttempts: 2, metrics: metrics),
                                          logger: testLogger)
        let error = await #expect(throws: KubernetesError.self) { try await client.getPod(name: "x") }
        try await client.shutdown()
        #expect(error?.kind == .network)
        #expect(error?.isTransient == true)
        #expect(error?.attempts == 2)
        #expect(metrics.all.map(\.statusCode) == [nil, nil])
    }

    @Test("a rotated token file is read again after a 401, once")
    func tokenRotation() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("token", "old\n")
        try await ReplayServer.with(handler: { request, earlier in
            let accepted = earlier == 0 ? "Bearer old" : earlier < 3 ? "Bearer new" : "nothing any more"
            return request.header("Authorization") == accepted
                ? try .recorded("30-exit3-04-get") : try .recorded("70-authz-07-bad-token")
        }) { server in
            try await withClient(server, token: .file(path: directory.path + "/token", refreshAfter: .seconds(3_600))) { client in
                _ = try await client.getPod(name: "arkd-fx-exit3")
                try directory.write("token", "new\n")
                _ = try await client.getPod(name: "arkd-fx-exit3")
                try directory.write("token", "newer\n")
                let error = await #expect(throws: KubernetesError.self) { try await client.getPod(name: "arkd-fx-exit3") }
                #expect(error?.kind == .unauthorized)
            }
            let tokens = await server.log.requests.map { $0.header("Authorization") ?? "" }
            #expect(tokens == ["Bearer old", "Bearer old", "Bearer new", "Bearer new", "Bearer newer"])
        }
    }

    @Test("backoff grows, is capped, and honours Retry-After up to its cap")
    func backoff() {
        let policy = KubernetesRetryPolicy(maxAttempts: 10, initialDelay: .seconds(1), maxDelay: .seconds(8), jitter: 0.5,
                                           maxRetryAfter: .seconds(60))
        for (attempt, full) in [(1, 1), (2, 2), (3, 4), (4, 8), (6, 8)] {
            let delay = policy.delay(after: attempt, retryAfter: nil)
            #expect(delay <= .seconds(full) && delay >= .seconds(full) / 2)
        }
        #expect(policy.delay(after: 1, retryAfter: .seconds(30)) == .seconds(30))
        #expect(policy.delay(after: 1, retryAfter: .seconds(3_600)) == .seconds(60))
    }

    @Test("which errors are transient", arguments: [
        (400, false), (401, false), (403, false), (404, false), (409, false), (410, false), (422, false),
        (429, true), (500, true), (501, false), (503, true), (504, true),
    ])
    func transient(code: Int, transient: Bool) {
        let error = KubernetesError(kind: .of(statusCode: code, reason: nil), statusCode: code, message: "",
                                    verb: "get", path: "/")
        #expect(error.isTransient == transient)
    }
}
