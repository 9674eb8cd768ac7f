import ArkdEngine
import Foundation
import Testing

@Suite("API: info, probes, metrics, errors, TCP", .serialized, .timeLimit(.minutes(2)))
struct SystemRoutesTests {
    @Test("info lists queues, capacity and load; probes answer; metrics count requests and jobs")
    func system() async throws {
        try await DaemonHarness().run { daemon in
            let id = try #require(try await daemon.submit("&(executable=/bin/true)").1)
            _ = try await daemon.waitForEnd(id)

            let info = try await daemon.send(.GET, "/v1/info", as: "reader")
            #expect(info.status == 200)
            let body = try info.json()
            #expect(body["executor"] as? String == "local")
            #expect(body["capacity"] as? Int == 8)
            let queues = try #require(body["queues"] as? [[String: Any]])
            #expect(queues.compactMap { $0["name"] as? String } == ["default", "short"])
            #expect(queues.first?["isDefault"] as? Bool == true)
            let load = try #require(body["load"] as? [String: Int])
            #expect(load["finished"] == 1 && load["running"] == 0 && load.count == JobState.allCases.count)
            let nodes = try #require(body["nodes"] as? [[String: Any]], "the local executor's one node")
            #expect(nodes.count == 1)
            #expect((nodes.first?["cpus"] as? Double ?? 0) >= 1 && (nodes.first?["memoryMiB"] as? Int ?? 0) > 0)
            #expect(nodes.first?["pods"] as? Int == 0 && nodes.first?["schedulable"] as? Bool == true)

            let health = try await daemon.send(.GET, "/healthz", as: nil)
            #expect(try health.json()["status"] as? String == "ok")
            let ready = try await daemon.send(.GET, "/readyz", as: nil)
            #expect(ready.status == 200)
            #expect(try ready.json()["engine"] as? Bool == true)
            #expect(try ready.json()["store"] as? Bool == true)

            let metrics = try await daemon.send(.GET, "/metrics", as: nil)
            #expect(metrics.header("content-type")?.hasPrefix("text/plain") == true)
            let text = metrics.text
            #expect(text.contains(#"arkd_api_requests_total{route="/v1/jobs",method="POST",code="201"} 1"#), "\(text)")
            #expect(text.contains(#"arkd_jobs{state="finished"} 1"#))
            #expect(text.contains(#"arkd_job_transitions_total{to="finished"} 1"#))
            #expect(text.contains("arkd_api_request_duration_seconds_bucket"))
            #expect(text.contains("arkd_queue_wait_seconds_count 1"))
        }
    }

    @Test("unknown routes and methods answer in the API's JSON error shape")
    func unknownRoutes() async throws {
        try await DaemonHarness().run { daemon in
            let route = try await daemon.send(.GET, "/v2/nothing")
            #expect(route.status == 404)
            #expect(try route.errorCode() == "no_route")
            let error = try #require(try route.json()["error"] as? [String: Any])
            #expect(error["message"] is String)
            let method = try await daemon.send(.PUT, "/v1/jobs")
            #expect(method.status == 405)
            #expect(Set(method.header("allow")?.components(separatedBy: ", ") ?? []) == ["GET", "POST"])
            #expect(try method.errorCode() == "method_not_allowed")
            let status = try await daemon.send(.GET, "/v1/jobs/status")
            #expect(status.status == 405 && status.header("allow") == "POST", "the literal route wins over /v1/jobs/{id}")
            let nested = try await daemon.send(.POST, "/v1/jobs/0123456789abcdef/files/a/b")
            #expect(nested.status == 405 && nested.header("allow") == "GET")
            #expect(try await daemon.send(.DELETE, "/v1/jobs/x/nothing").status == 404)
            let empty = try await daemon.send(.GET, "/v1/jobs?queue=&owner=&cursor=&limit=&state=")
            #expect(empty.status == 200, "empty query parameters mean none: \(empty.text)")
        }
    }

    @Test("the same API answers on 127.0.0.1 over TCP")
    func tcp() async throws {
        try await DaemonHarness().run { daemon in
            #expect(daemon.port > 0)
            let (reply, id) = try await daemon.submit("&(executable=/bin/true)")
            #expect(reply.status == 201)
            let job = try await daemon.send(.GET, "/v1/jobs/\(try #require(id))", over: .tcp)
            #expect(job.status == 200)
            let anonymous = try await daemon.send(.GET, "/v1/jobs", as: nil, over: .tcp)
            #expect(anonymous.status == 401)
        }
    }
}
