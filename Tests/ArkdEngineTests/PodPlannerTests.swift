import JobDescriptions
import Testing
@testable import ArkdEngine

@Suite("pod planning")
struct PodPlannerTests {
    private let id = JobID(rawValue: "abcdefghjkmnpqrs")!
    private let planner = PodPlanner(
        settings: KubernetesSettings(sessionVolume: .persistentVolumeClaim("sessions"),
                                     allowedRegistries: ["docker.io/library", "registry.example.org/grid"],
                                     runtimeEnvironmentImages: ["APPS/ATLAS": "registry.example.org/grid/atlas:1"]),
        sessionRoot: "/srv/sessions/")
    private let policy = QueuePolicy(namespace: "grid", image: "almalinux:9", runAsUser: 1500, runAsGroup: 1600,
                                     defaultMemoryMiB: 1000, maxMemoryMiB: 8000, maxCPUs: 4,
                                     defaultWallTime: .seconds(3600), maxWallTime: .seconds(86400),
                                     nodeSelector: ["zone": "a"], kueueQueue: "grid-lq")

    private func request(_ edit: (inout JobDescription) -> Void = { _ in }) -> ExecutionRequest {
        var job = JobDescription()
        job.executable = "run.sh"
        job.arguments = ["a b", "c"]
        edit(&job)
        return ExecutionRequest(jobID: id, description: job, sessionDirectory: "/srv/sessions/" + id.rawValue)
    }

    private func refusal(_ edit: (inout JobDescription) -> Void, policy: QueuePolicy? = nil) -> String? {
        do {
            _ = try planner.plan(request(edit), queue: "grid", policy: policy ?? self.policy)
            return nil
        } catch {
            return error.description
        }
    }

    @Test("a plain job takes the queue's image, defaults, identity and placement")
    func defaults() throws {
        let plan = try planner.plan(request(), queue: "grid", policy: policy)
        #expect(plan.name == "arkd-abcdefghjkmnpqrs")
        #expect(plan.namespace == "grid")
        #expect(plan.image == "almalinux:9")
        #expect(plan.command == ["/session/run.sh", "a b", "c"])
        #expect(plan.cpus == 1)
        #expect(plan.memoryMiB == 1000)
        #expect(plan.activeDeadlineSeconds == 3600)
        #expect(plan.runAsUser == 1500 && plan.runAsGroup == 1600)
        #expect(plan.sessionSubPath == id.rawValue)
        #expect(plan.sessionVolume == .persistentVolumeClaim("sessions"))
        #expect(plan.nodeSelector == ["zone": "a"])
        #expect(plan.kueueQueue == "grid-lq")
        #expect(plan.environment.last == EnvironmentVariable(name: "ARKD_JOB_ID", value: id.rawValue))
        #expect(plan.terminationGracePeriodSeconds == 30)
    }

    @Test("cores, memory per core and wall time come from the description")
    func resources() throws {
        let plan = try planner.plan(request { $0.count = 4; $0.memoryMB = 1500; $0.wallTime = 7200 },
                                    queue: "grid", policy: policy)
        #expect(plan.cpus == 4)
        #expect(plan.memoryMiB == 6000)
        #expect(plan.activeDeadlineSeconds == 7200)
    }

    @Test("the owner of an A-REX session directory is who the pod runs as")
    func owner() throws {
        let plan = try planner.plan(request(), queue: "grid", policy: policy, owner: (uid: 20001, gid: 20002))
        #expect(plan.runAsUser == 20001 && plan.runAsGroup == 20002)
        let rootOwned = Result { () throws(ExecutorError) in try planner.plan(request(), queue: "grid", policy: policy, owner: (0, 0)) }
        #expect(throws: ExecutorError.self) { try rootOwned.get() }
    }

    @Test("images: the job's container RTE, then the site's RTE mapping, then the queue")
    func images() throws {
        let mapped = try planner.plan(request { $0.runTimeEnvironments = [RuntimeEnvironment(name: "APPS/ATLAS")] },
                                      queue: "grid", policy: policy)
        #expect(mapped.image == "registry.example.org/grid/atlas:1")
        let own = try planner.plan(request {
            $0.runTimeEnvironments = [RuntimeEnvironment(name: "APPS/ATLAS"),
                                      RuntimeEnvironment(name: "ENV/ARKD-CONTAINER", options: ["busybox:1.36", "gpus=2"])]
        }, queue: "grid", policy: policy)
        #expect(own.image == "busybox:1.36")
        let first = try planner.plan(request {
            $0.runTimeEnvironments = [RuntimeEnvironment(name: "ENV/ARKD-CONTAINER", options: ["image=busybox:1.36", "gpus=2"])]
        }, queue: "grid", policy: policy)
        #expect(first.image == "busybox:1.36")
        #expect(first.gpus == 2)
        #expect(first.gpuResource == "nvidia.com/gpu")
    }

    @Test("what the site does not allow is refused with the reason", arguments: [
        ("count", "asks for 5 cores; queue 'grid' gives at most 4"),
        ("memory", "queue 'grid' gives at most 8000 MiB"),
        ("wall", "queue 'grid' gives at most 86400 s"),
        ("registry", "image 'evil.example.com/miner:1' is not from a registry this site allows"),
        ("gpus", "expected gpus=<whole number>"),
        ("executable", "the job names no executable"),
    ])
    func refusals(what: String, message: String) throws {
        let text = refusal { job in
            switch what {
            case "count": job.count = 5
            case "memory": job.count = 4; job.memoryMB = 2001
            case "wall": job.wallTime = 86401
            case "registry": job.runTimeEnvironments = [RuntimeEnvironment(name: "ENV/ARKD-CONTAINER", options: ["evil.example.com/miner:1"])]
            case "gpus": job.runTimeEnvironments = [RuntimeEnvironment(name: "ENV/ARKD-CONTAINER", options: ["gpus=lots"])]
            default: job.executable = nil
            }
        }
        #expect(try #require(text).contains(message))
    }

    @Test("a queue without an image needs the job to name one")
    func noImage() throws {
        var bare = policy
        bare.image = nil
        #expect(try #require(refusal({ _ in }, policy: bare)).contains("no container image"))
    }

    @Test("redirections go through /bin/sh with the file names quoted")
    func redirections() throws {
        var job = JobDescription()
        job.executable = "/usr/bin/env"
        job.arguments = ["x"]
        job.stdin = "in put"
        job.stdout = "it's.out"
        job.stderr = "err"
        #expect(try PodPlanner.command(for: job)
            == ["/bin/sh", "-c", "exec \"$0\" \"$@\" <'in put' >'it'\\''s.out' 2>'err'", "/usr/bin/env", "x"])
        job.stderr = job.stdout
        job.join = true
        #expect(try PodPlanner.command(for: job)[2] == "exec \"$0\" \"$@\" <'in put' >'it'\\''s.out' 2>&1")
    }

    @Test("without a shell the payload runs directly, its log becomes stdout, and stdin is refused")
    func withoutShell() throws {
        var job = JobDescription()
        job.executable = "/usr/bin/env"
        job.stdout = "out"
        job.stderr = "err"
        #expect(try PodPlanner.command(for: job, shell: false) == ["/usr/bin/env"])
        var shellless = policy
        shellless.shellRedirection = false
        #expect(PodPlanner.logFile(for: job, policy: shellless) == "out")
        #expect(PodPlanner.logFile(for: job, policy: policy) == nil)
        job.stdin = "in"
        #expect(throws: ExecutorError.self) { try PodPlanner.command(for: job, shell: false) }
    }

    @Test("a session directory outside the mounted root is refused")
    func sessionOutsideRoot() throws {
        var outside = request()
        outside.sessionDirectory = "/tmp/elsewhere"
        #expect(throws: ExecutorError.self) { try planner.plan(outside, queue: "grid", policy: policy) }
        outside.sessionDirectory = "/srv/sessions/../etc"
        #expect(throws: ExecutorError.self) { try planner.plan(outside, queue: "grid", policy: policy) }
    }
}
