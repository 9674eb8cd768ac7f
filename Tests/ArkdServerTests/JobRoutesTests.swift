import ArkdEngine
import ArkdServer
import Foundation
import Testing

@Suite("API: jobs over a real unix socket", .serialized, .timeLimit(.minutes(2)))
struct JobRoutesTests {
    @Test("a submitted job runs; GET, events, status and its stdout are served")
    func submitAndRead() async throws {
        try await DaemonHarness().run { daemon in
            let (reply, id) = try await daemon.submit(#"&(executable=/bin/sh)(arguments="-c" "echo hello")(stdout=out.txt)(jobname=greet)"#)
            #expect(reply.status == 201, "\(reply.text)")
            let jobID = try #require(id)
            let job = try #require((try reply.json()["jobs"] as? [[String: Any]])?.first)
            #expect(job["owner"] as? String == "alice")
            #expect(job["name"] as? String == "greet")
            #expect(job["language"] as? String == "xrsl")
            #expect(reply.header("content-type") == "application/json")
            let record = try await daemon.waitForEnd(jobID)
            #expect(record.state == .finished)

            let one = try await daemon.send(.GET, "/v1/jobs/\(jobID)")
            #expect(one.status == 200)
            let body = try one.json()
            #expect(body["state"] as? String == "finished")
            #expect(body["arcState"] as? String == "FINISHED")
            #expect(body["exitCode"] as? Int == 0)
            let created = try #require(body["createdAt"] as? String)
            #expect(ISO8601DateFormatter().date(from: created) != nil, "\(created)")

            let file = try await daemon.send(.GET, "/v1/jobs/\(jobID)/files/out.txt")
            #expect(file.status == 200 && file.text == "hello\n")

            let events = try await daemon.send(.GET, "/v1/jobs/\(jobID)/events")
            let list = try #require(try events.json()["events"] as? [[String: Any]])
            #expect(list.compactMap { $0["to"] as? String }
                    == ["accepted", "preparing", "submitting", "queued", "running", "finishing", "finished"])
            #expect(list.first?["from"] == nil)
            #expect(list.allSatisfy { $0["at"] is String && $0["reason"] is String })

            let status = try await daemon.send(.POST, "/v1/jobs/status",
                                               body: Array(#"{"ids": ["\#(jobID)", "nosuchjob", "Not-An-Id!"]}"#.utf8))
            #expect(status.status == 200)
            let statusBody = try status.json()
            let jobs = try #require(statusBody["jobs"] as? [[String: Any]])
            #expect(jobs.count == 1 && jobs.first?["id"] as? String == jobID && jobs.first?["exitCode"] as? Int == 0)
            #expect(jobs.first?["state"] as? String == "finished")
            #expect(statusBody["unknown"] as? [String] == ["nosuchjob", "Not-An-Id!"])
        }
    }

    @Test("a rejected description is 400 with every finding's line, column, message and severity")
    func rejected() async throws {
        try await DaemonHarness().run { daemon in
            let (reply, id) = try await daemon.submit("&(executable=/bin/true)\n(count=-1)")
            #expect(reply.status == 400)
            #expect(id == nil)
            #expect(try reply.errorCode() == "invalid_description")
            let errors = try #require(try reply.json()["errors"] as? [[String: Any]])
            let first = try #require(errors.first)
            #expect(first["line"] as? Int == 2)
            #expect(first["column"] is Int)
            #expect(first["severity"] as? String == "error")
            #expect((first["message"] as? String)?.isEmpty == false)
            let dialect = try await daemon.send(.POST, "/v1/jobs?dialect=gm", body: Array("&(executable=/bin/true)".utf8))
            #expect(dialect.status == 400)
            #expect(try dialect.errorCode() == "bad_request")
            let server = try await daemon.send(.POST, "/v1/jobs?dialect=server", body: Array("&(executable=/bin/true)(walltime=60)".utf8))
            #expect(server.status == 201)
        }
    }

    @Test("Idempotency-Key: 201 once, then 200 with the same job; another owner's key is 409")
    func idempotency() async throws {
        try await DaemonHarness().run { daemon in
            let (first, firstID) = try await daemon.submit("&(executable=/bin/true)", key: "grid-job-1")
            let (again, againID) = try await daemon.submit("&(executable=/bin/true)", key: "grid-job-1")
            #expect(first.status == 201 && again.status == 200)
            #expect(firstID != nil && firstID == againID)
            let (other, _) = try await daemon.submit("&(executable=/bin/true)", as: "bob", key: "grid-job-1")
            #expect(other.status == 409)
            #expect(try other.errorCode() == "idempotency_conflict")
            let bad = try await daemon.send(.POST, "/v1/jobs", body: Array("&(executable=/bin/true)".utf8),
                                            headers: [("Idempotency-Key", "has space")])
            #expect(bad.status == 400)
        }
    }

    @Test("100 concurrent submissions are each stored exactly once; 20 racing on one key make one job")
    func concurrentSubmissions() async throws {
        try await DaemonHarness().run { daemon in
            let replies = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                for index in 0..<100 {
                    group.addTask {
                        let (reply, id) = try await daemon.submit("&(executable=/bin/true)(jobname=n\(index))", key: "k\(index)")
                        return (reply.status, id)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(replies.allSatisfy { $0.0 == 201 })
            #expect(Set(replies.compactMap(\.1)).count == 100)
            #expect(try await daemon.engine.store.countByState().values.reduce(0, +) == 100)

            let racing = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        let (reply, id) = try await daemon.submit("&(executable=/bin/true)", key: "same")
                        return (reply.status, id)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(racing.filter { $0.0 == 201 }.count == 1)
            #expect(racing.filter { $0.0 == 200 }.count == 19)
            #expect(Set(racing.compactMap(\.1)).count == 1)
            #expect(try await daemon.engine.store.countByState().values.reduce(0, +) == 101)
        }
    }

    @Test("listing: pages by cursor without repeats, filters by state, queue and owner, refuses bad parameters")
    func listing() async throws {
        try await DaemonHarness().run { daemon in
            var ids: [String] = []
            for index in 0..<7 {
                let queue = index < 3 ? "(queue=short)" : ""
                ids.append(try #require(try await daemon.submit("&(executable=/bin/true)\(queue)").1))
            }
            _ = try await daemon.submit("&(executable=/bin/true)", as: "bob")
            var seen: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let reply = try await daemon.send(.GET, "/v1/jobs?limit=3" + (cursor.map { "&cursor=\($0)" } ?? ""))
                #expect(reply.status == 200)
                let body = try reply.json()
                seen += (body["jobs"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                cursor = body["nextCursor"] as? String
                pages += 1
            } while cursor != nil && pages < 10
            #expect(seen == ids)
            #expect(pages == 3)

            let short = try await daemon.send(.GET, "/v1/jobs?queue=short")
            #expect((try short.json()["jobs"] as? [[String: Any]])?.count == 3)
            let all = try await daemon.send(.GET, "/v1/jobs?limit=1000", as: "admin")
            #expect((try all.json()["jobs"] as? [[String: Any]])?.count == 8)
            let bobs = try await daemon.send(.GET, "/v1/jobs?owner=bob", as: "admin")
            #expect((try bobs.json()["jobs"] as? [[String: Any]])?.count == 1)
            let notMine = try await daemon.send(.GET, "/v1/jobs?owner=bob")
            #expect((try notMine.json()["jobs"] as? [[String: Any]])?.isEmpty == true)

            for id in ids { _ = try await daemon.waitForEnd(id) }
            let finished = try await daemon.send(.GET, "/v1/jobs?state=finished,failed")
            #expect((try finished.json()["jobs"] as? [[String: Any]])?.count == 7)
            let running = try await daemon.send(.GET, "/v1/jobs?state=running")
            #expect((try running.json()["jobs"] as? [[String: Any]])?.isEmpty == true)

            for query in ["state=sleeping", "limit=0", "limit=5000", "limit=x", "cursor=garbage"] {
                let reply = try await daemon.send(.GET, "/v1/jobs?\(query)")
                #expect(reply.status == 400, "\(query)")
                #expect(try reply.errorCode() != nil, "\(query)")
            }
        }
    }

    @Test("batch status: thousands of ids in one request")
    func batchStatus() async throws {
        try await DaemonHarness().run { daemon in
            let id = try #require(try await daemon.submit("&(executable=/bin/true)").1)
            let asked = [id] + (0..<3000).map { "missing\($0)" }
            let body = try JSONSerialization.data(withJSONObject: ["ids": asked])
            let reply = try await daemon.send(.POST, "/v1/jobs/status", body: Array(body))
            #expect(reply.status == 200)
            let json = try reply.json()
            #expect((json["jobs"] as? [[String: Any]])?.count == 1)
            #expect((json["unknown"] as? [String])?.count == 3000)
            let malformed = try await daemon.send(.POST, "/v1/jobs/status", body: Array(#"{"id": []}"#.utf8))
            #expect(malformed.status == 400)
            #expect(try malformed.errorCode() == "bad_request")
        }
    }

    @Test("cancel: a running job is killed; cancelling it again is 409; an unknown job is 404")
    func cancel() async throws {
        try await DaemonHarness().run { daemon in
            let id = try #require(try await daemon.submit("&(executable=/bin/sleep)(arguments=60)").1)
            try await daemon.waitForState(id, .running)
            let cancelled = try await daemon.send(.DELETE, "/v1/jobs/\(id)")
            #expect(cancelled.status == 200)
            #expect(try cancelled.json()["cancelRequested"] as? Bool == true)
            let record = try await daemon.waitForEnd(id)
            #expect(record.state == .killed)
            let again = try await daemon.send(.DELETE, "/v1/jobs/\(id)")
            #expect(again.status == 409)
            #expect(try again.errorCode() == "too_late")
            let unknown = try await daemon.send(.DELETE, "/v1/jobs/nosuchjob")
            #expect(unknown.status == 404)
            #expect(try unknown.errorCode() == "not_found")
        }
    }

    @Test("requests larger than the limit are 413")
    func tooLarge() async throws {
        try await DaemonHarness().run { daemon in
            let big = Array("&(executable=/bin/true)".utf8) + [UInt8](repeating: 0x20, count: 70 * 1024)
            let reply = try await daemon.send(.POST, "/v1/jobs", body: big)
            #expect(reply.status == 413)
            #expect(try reply.errorCode() == "too_large")
        }
    }
}
