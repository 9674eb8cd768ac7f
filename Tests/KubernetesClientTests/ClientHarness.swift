import Foundation
import Logging
import Synchronization

@testable import KubernetesClient

/// Metrics the client reported, for tests that count requests.
final class MetricsLog: Sendable {
    private let metrics = Mutex<[KubernetesRequestMetric]>([])

    var all: [KubernetesRequestMetric] { metrics.withLock { $0 } }

    func record(_ metric: KubernetesRequestMetric) {
        metrics.withLock { $0.append(metric) }
    }
}

extension KubernetesClientOptions {
    /// Quick retries (and Retry-After cut to 50 ms) so retry tests do not wait, and a test rate limit.
    static func test(maxAttempts: Int = 4, requestTimeout: Duration = .seconds(20), metrics: MetricsLog? = nil)
        -> KubernetesClientOptions
    {
        var observer: (@Sendable (KubernetesRequestMetric) -> Void)?
        if let metrics { observer = { metrics.record($0) } }
        return KubernetesClientOptions(
            rateLimit: .tokenBucket(queriesPerSecond: 1_000, burst: 100),
            retry: KubernetesRetryPolicy(maxAttempts: maxAttempts, initialDelay: .milliseconds(5),
                                         maxDelay: .milliseconds(20), maxRetryAfter: .milliseconds(50)),
            requestTimeout: requestTimeout, connectTimeout: .seconds(5),
            requestObserver: observer)
    }
}

/// A client for `server` in namespace `grid`, shut down after `body`.
func withClient<T: Sendable>(
    _ server: ReplayServer, token: BearerTokenSource? = .literal("test-token"),
    tlsVerification: TLSVerification = .systemRoots, clientIdentity: ClientIdentity? = nil,
    options: KubernetesClientOptions = .test(), _ body: (KubernetesClient) async throws -> T
) async throws -> T {
    let configuration = KubernetesConfiguration(server: server.url, tlsVerification: tlsVerification,
                                                clientIdentity: clientIdentity, token: token, namespace: "grid")
    let client = try KubernetesClient(configuration: configuration, options: options, logger: testLogger)
    do {
        let value = try await body(client)
        try await client.shutdown()
        return value
    } catch {
        try? await client.shutdown()
        throw error
    }
}

let testLogger: Logger = {
    var logger = Logger(label: "kubernetes-client-tests")
    logger.logLevel = .critical
    return logger
}()

/// A minimal pod like arkd's, named `name`.
func samplePod(name: String? = "arkd-test", generateName: String? = nil) -> Pod {
    Pod(metadata: ObjectMeta(name: name, generateName: generateName,
                             labels: ["app.kubernetes.io/managed-by": "arkd"], finalizers: ["arkd.io/harvest"]),
        spec: PodSpec(containers: [Container(name: "job", image: "busybox", command: ["sh", "-c", "exit 0"],
                                             resources: ResourceRequirements(requests: ["cpu": "1"], limits: ["cpu": "1"]))],
                      restartPolicy: "Never", automountServiceAccountToken: false))
}
