@testable import ArkdEngine
import Foundation
import KubernetesFake
import Testing

/// The Kubernetes executor end to end: a real engine and store, arkd's REST client over TLS, and
/// the fake API server with its scripted kubelet reproducing recorded pod lifecycles.
@Suite("Kubernetes executor", .serialized)
struct KubernetesExecutorTests {
    private func withHarness<T: Sendable>(pacing: KubeletPacing = .fast,
                                          _ body: (KubernetesHarness) async throws -> T) async throws -> T {
        let harness = try await KubernetesHarness(pacing: pacing)
        do {
            let value = try await body(harness)
            await harness.shutdown()
            return value
        } catch {
            await harness.shutdown()
            throw error
        }
    }

    @Test("exit 0 and exit 3 are the payload's own codes, with accounting from the container")
    func exitCodes() async throws {
        try await withHarness { harness in
            let (zero, three) = try await harness.withEngine { engine in
                (try await harness.run("/bin/exit0", on: engine), try await harness.run("/bin/exit3", on: engine))
            }
            #expect(zero.state == .finished && zero.exitCode == 0)
            #expect(three.state == .finished && three.exitCode == 3)
            #expect(three.accounting?.nodeName != nil)
            #expect(three.accounting?.image == "docker.io/library/busybox:1.36", "the queue's image, for wninstance")
            #expect(three.accounting?.startedAt != nil && three.accounting?.endedAt != nil)
        }
    }

    @Test("a job's whole life costs at most create, finalizer patch and delete; one watch per namespace")
    func requestBudget() async throws {
        try await withHarness { harness in
            let record = try await harness.withEngine { engine in
                let record = try await harness.run("/bin/exit3", on: engine)
                try await harness.waitUntilGone(PodPlan.podName(for: record.id))
                return record
            }
            let pod = PodPlan.podName(for: record.id)
            let perJob = harness.fake.requests.filter { ($0.pod == pod || $0.verb == "create") && $0.verb != "watch" && $0.verb != "list" }
            #expect(perJob.count <= 4, "\(perJob.map(\.verb))")
            #expect(perJob.map(\.verb).filter { $0 == "create" }.count == 1)
            #expect(harness.fake.requestCount(verb: "watch") == 1)
        }
    }

    @Test("without a shell in the image, the pod log becomes the stdout file; still at most four requests")
    func logsWithoutShell() async throws {
        try await withHarness { harness in
            var site = harness.site()
            site.queues["default"]?.shellRedirection = false
            let record = try await harness.withEngine(site: site) { engine in
                let record = try await harness.run("/bin/exit3", on: engine)
                try await harness.waitUntilGone(PodPlan.podName(for: record.id))
                return record
            }
            #expect(record.state == .finished && record.exitCode == 3)
            let output = try String(contentsOfFile: record.sessionDirectory + "/out", encoding: .utf8)
            #expect(output == "hello\n")
            let pod = PodPlan.podName(for: record.id)
            let requests = harness.fake.requests.filter {
                ($0.pod == pod || $0.verb == "create") && $0.verb != "watch" && $0.verb != "list"
            }
            #expect(requests.map(\.verb).sorted() == ["create", "delete", "get", "patch"], "\(requests.map(\.verb))")
            #expect(requests.contains { $0.path.hasSuffix("/\(pod)/log") }, "the one read is the log")
        }
    }

    @Test("limits fail the job with the limit as the reason", arguments: [
        ("/bin/oom", "memory limit exceeded (OOMKilled)", 265 as Int?),
        ("/bin/deadline", "wall time limit exceeded (60 s)", 265),
        ("/bin/nocmd", "the payload could not start", nil),
    ])
    func limits(executable: String, reason: String, exitCode: Int?) async throws {
        try await withHarness { harness in
            let record = try await harness.withEngine { engine in
                try await harness.run(executable, wallTime: 60, on: engine)
            }
            #expect(record.state == .failed)
            #expect(record.failureReason?.hasPrefix(reason) == true, "\(record.failureReason ?? "")")
            #expect(record.exitCode == exitCode)
        }
    }

    @Test("an image that never arrives and a pod that never fits fail after the site's grace")
    func waitsEnd() async throws {
        try await withHarness { harness in
            let site = harness.site(imagePullGrace: .milliseconds(500), unschedulableTimeout: .seconds(1))
            let (pull, unschedulable) = try await harness.withEngine(site: site) { engine in
                (try await harness.run("/bin/pullfail", on: engine), try await harness.run("/bin/unschedulable", on: engine))
            }
            #expect(pull.state == .failed)
            #expect(pull.failureReason?.contains("ErrImagePull") == true || pull.failureReason?.contains("ImagePullBackOff") == true)
            #expect(pull.exitCode == nil)
            #expect(unschedulable.state == .failed)
            #expect(unschedulable.failureReason?.contains("unschedulable") == true)
            #expect(unschedulable.failureReason?.contains("Insufficient cpu") == true)
        }
    }

    @Test("a pod deleted by someone else fails its job without an invented exit code")
    func externalDelete() async throws {
        try await withHarness { harness in
            let record = try await harness.withEngine { engine in
                let updates = engine.watch()
                let id = try #require(try await engine.submit(JobSubmission(text: Array("&(executable=\"/bin/forever\")".utf8))).first?.id)
                for await case .state(let job) in updates where job.id == id && job.state == .running { break }
                #expect(await harness.fake.deletePodExternally(namespace: "grid", name: PodPlan.podName(for: id)))
                return try await harness.engineHarness.waitForEnd(of: id, updates: engine.watch(), engine: engine)
            }
            #expect(record.state == .failed)
            #expect(record.failureReason == "pod deleted externally")
            #expect(record.exitCode == nil)
        }
    }

    @Test("cancel deletes the pod with a grace period and the job ends killed")
    func cancel() async throws {
        try await withHarness { harness in
            let record = try await harness.withEngine { engine in
                let updates = engine.watch()
                let id = try #require(try await engine.submit(JobSubmission(text: Array("&(executable=\"/bin/forever\")".utf8))).first?.id)
                for await case .state(let job) in updates where job.id == id && job.state == .running { break }
                _ = try await engine.cancel(id)
                return try await harness.engineHarness.waitForEnd(of: id, updates: engine.watch(), engine: engine)
            }
            #expect(record.state == .killed)
            #expect(record.exitCode == 271, "SIGTERM from the graceful delete, as ARC writes it")
        }
    }

    @Test("429 with Retry-After and 5xx answers are retried; the jobs do not notice")
    func throttling() async throws {
        try await withHarness { harness in
            harness.fake.inject(.tooManyRequests(retryAfterSeconds: 1), count: 2, matching: RequestMatcher(method: "POST"))
            harness.fake.inject(.serverError(status: 503), count: 1, matching: RequestMatcher(method: "PATCH"))
            let record = try await harness.withEngine { engine in
                try await harness.run("/bin/exit3", on: engine)
            }
            #expect(record.state == .finished && record.exitCode == 3, "\(record.state): \(record.stateReason)")
            #expect(harness.fake.requestCount(method: "POST") == 3)
        }
    }

    @Test("the API server unreachable for a while pauses jobs; none fails because of it")
    func unreachable() async throws {
        try await withHarness { harness in
            let record = try await harness.withEngine { engine in
                let updates = engine.watch()
                await harness.fake.stopListening()
                let id = try #require(try await engine.submit(JobSubmission(text: Array("&(executable=\"/bin/exit3\")".utf8))).first?.id)
                try await Task.sleep(for: .seconds(2))
                #expect(try await engine.store.job(id)?.state.isTerminal == false)
                try await harness.fake.resumeListening()
                return try await harness.engineHarness.waitForEnd(of: id, updates: updates, engine: engine)
            }
            #expect(record.state == .finished && record.exitCode == 3, "\(record.state): \(record.stateReason)")
        }
    }

    @Test("a watch answered with 410 Gone relists and goes on")
    func watchGone() async throws {
        try await withHarness(pacing: .manual) { harness in
            let record = try await harness.withEngine { engine in
                let updates = engine.watch()
                let id = try #require(try await engine.submit(JobSubmission(text: Array("&(executable=\"/bin/exit3\")".utf8))).first?.id)
                for await case .state(let job) in updates where job.id == id && job.state == .queued { break }
                await harness.fake.stopListening()
                await harness.fake.settleKubelet()
                await harness.fake.compact()
                try await harness.fake.resumeListening()
                return try await harness.engineHarness.waitForEnd(of: id, updates: updates, engine: engine)
            }
            #expect(record.state == .finished && record.exitCode == 3)
            #expect(harness.fake.requestCount(verb: "list") >= 2, "the watch relisted")
        }
    }

    @Test("an engine restarted mid-flight adopts its pods: no duplicate, every job ends")
    func restart() async throws {
        try await withHarness(pacing: .manual) { harness in
            let ids = try await harness.withEngine { engine in
                let updates = engine.watch()
                var ids: [JobID] = []
                for executable in ["/bin/exit0", "/bin/exit3", "/bin/forever"] {
                    ids += try await engine.submit(JobSubmission(text: Array("&(executable=\"\(executable)\")".utf8))).map(\.id)
                }
                var queued = Set<JobID>()
                for await case .state(let job) in updates where job.state == .queued {
                    queued.insert(job.id)
                    if queued.count == ids.count { break }
                }
                return ids
            }
            await harness.fake.settleKubelet()
            let records = try await harness.withEngine { engine in
                var records: [JobRecord] = []
                for id in ids.prefix(2) {
                    records.append(try await harness.engineHarness.waitForEnd(of: id, updates: engine.watch(), engine: engine))
                }
                _ = try await engine.cancel(ids[2])
                await harness.fake.settleKubelet()
                records.append(try await harness.engineHarness.waitForEnd(of: ids[2], updates: engine.watch(), engine: engine))
                return records
            }
            #expect(records.map(\.state) == [.finished, .finished, .killed])
            #expect(records.map(\.exitCode) == [0, 3, 271])
            #expect(harness.fake.requestCount(verb: "create") == 3, "no pod was created twice")
        }
    }
}

