@testable import ArkdEngine
import Foundation
import KubernetesClient
import KubernetesFake
import Testing

/// A fake API server on 127.0.0.1 with TLS, a kubeconfig for it, and an engine with the
/// Kubernetes executor against it; the kubelet's script is chosen by the job's executable.
final class KubernetesHarness: Sendable {
    let fake: FakeKubernetes
    let engineHarness: EngineHarness
    let kubeconfigPath: String

    /// Executables the scripted kubelet understands, each one recorded behaviour.
    static func script(for pod: JSON) -> PodScript? {
        let command = pod.value(at: "spec", "containers")?[0]?["command"]?.array?.compactMap(\.string) ?? []
        switch command.first(where: { $0.hasPrefix("/bin/") && $0 != "/bin/sh" }) {
        case "/bin/exit0": return .succeeds(log: "all good\n")
        case "/bin/exit3": return .runsThenExits(exitCode: 3, log: "hello\n")
        case "/bin/oom": return .oomKilled()
        case "/bin/deadline": return .exceedsDeadline()
        case "/bin/nocmd": return .startError
        case "/bin/pullfail": return .imagePullFails
        case "/bin/unschedulable": return .unschedulable
        default: return .runsForever()
        }
    }

    init(pacing: KubeletPacing = .fast) async throws {
        engineHarness = try EngineHarness()
        var configuration = FakeKubernetes.Configuration()
        configuration.namespaces = ["default", "grid"]
        configuration.kubeletPacing = pacing
        configuration.script = { KubernetesHarness.script(for: $0) }
        fake = try await FakeKubernetes.start(configuration)
        kubeconfigPath = engineHarness.root.appendingPathComponent("kubeconfig").path
        try Data(fake.kubeconfig(namespace: "grid").utf8).write(to: URL(fileURLWithPath: kubeconfigPath))
    }

    func shutdown() async {
        await fake.shutdown()
    }

    func site(imagePullGrace: Duration = .seconds(300), unschedulableTimeout: Duration = .seconds(3600)) -> SiteConfiguration {
        var site = SiteConfiguration(stateDirectory: engineHarness.stateDirectory, executor: .kubernetes,
                                     allowedSchemes: ["http", "https", "file"])
        site.kubernetes.kubeconfig = kubeconfigPath
        site.kubernetes.sessionVolume = .hostPath(site.engineConfiguration.sessionRoot)
        site.kubernetes.imagePullGrace = imagePullGrace
        site.kubernetes.unschedulableTimeout = unschedulableTimeout
        site.kubernetes.cancelGracePeriod = .seconds(1)
        site.queues = ["default": QueuePolicy(namespace: "grid", image: "docker.io/library/busybox:1.36")]
        return site
    }

    /// Runs an engine with the Kubernetes executor for the duration of `body`.
    func withEngine<T: Sendable>(site: SiteConfiguration? = nil,
                                 _ body: @escaping @Sendable (Engine) async throws -> T) async throws -> T {
        var retry = KubernetesRetryPolicy()
        retry.initialDelay = .milliseconds(20)
        let options = KubernetesClientOptions(rateLimit: .unlimited, retry: retry, requestTimeout: .seconds(5),
                                              connectTimeout: .seconds(2))
        let watch = PodListWatch.Options(watchTimeout: .seconds(30)...(.seconds(30)), initialBackoff: .milliseconds(50),
                                         maxBackoff: .milliseconds(500))
        var engineSite = site ?? self.site()
        engineSite.maxRunningJobs = 64
        return try await KubernetesRuntime.withEngine(site: engineSite, clientOptions: options, watchOptions: watch,
                                                      logger: EngineHarness.quietLogger) { engine in
            try await EngineHarness.driving(engine, body)
        }
    }

    /// Waits until arkd has harvested the pod (finalizer removed, pod deleted).
    func waitUntilGone(_ pod: String, namespace: String = "grid") async throws {
        for _ in 0..<500 {
            if await fake.pod(namespace: namespace, name: pod) == nil { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("pod \(pod) was never harvested")
    }

    func run(_ executable: String, wallTime: Int? = nil, on engine: Engine) async throws -> JobRecord {
        let wall = wallTime.map { "(walltime=\"\($0) seconds\")" } ?? ""
        return try await engineHarness.run("&(executable=\"\(executable)\")(stdout=\"out\")\(wall)", on: engine)
    }
}
