import ArkdEngine
import Foundation
import KubernetesClient
import Prometheus

/// The daemon's Prometheus metrics (DESIGN §7). One registry per daemon rather than the global
/// MetricsSystem, so tests can run several daemons in one process.
public final class ArkdMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()

    public init() {}

    private static let latencyBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(50), .milliseconds(100),
        .milliseconds(500), .seconds(1), .seconds(5),
    ]
    private static let waitBuckets: [Duration] = [
        .seconds(1), .seconds(10), .seconds(60), .seconds(300), .seconds(1800), .seconds(3600), .seconds(6 * 3600),
        .seconds(86400),
    ]

    private static var requests: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "arkd", subsystem: "api", metricName: "requests", unitName: "total",
                             helpText: "API requests by route, method and status code")
    }
    private static var latency: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "arkd", subsystem: "api", metricName: "request_duration", unitName: "seconds",
                             helpText: "Time to answer an API request, by route")
    }
    private static var transitions: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "arkd", subsystem: "job", metricName: "transitions", unitName: "total",
                             helpText: "Job state changes, by the state entered")
    }
    private static var stagingBytes: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "arkd", subsystem: "staging", metricName: "bytes", unitName: "total",
                             helpText: "Bytes staged in and out")
    }
    private static var stagingErrors: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "arkd", subsystem: "staging", metricName: "errors", unitName: "total",
                             helpText: "Jobs failed by stage-in or stage-out")
    }
    private static var queueWait: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "arkd", subsystem: "queue", metricName: "wait", unitName: "seconds",
                             helpText: "Time from handing a job to the executor to its payload starting")
    }
    private static var kubernetesRequests: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "arkd", subsystem: "kubernetes", metricName: "requests", unitName: "total",
                             helpText: "Requests to the Kubernetes API server by verb and status code (none: no answer)")
    }
    private static var kubernetesLatency: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "arkd", subsystem: "kubernetes", metricName: "request_duration",
                             unitName: "seconds", helpText: "Kubernetes API latency by verb (watches: to the response head)")
    }
    private static var watchOpens: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "arkd", subsystem: "kubernetes", metricName: "watch_opens", unitName: "total",
                             helpText: "Pod watches opened; beyond one per namespace, each is a restart "
                                 + "(timeout, dropped connection, 410 Gone)")
    }
    private static var jobs: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "arkd", metricName: "jobs", unitName: "", helpText: "Jobs in the store, by state")
    }

    /// One API request: by route (the pattern, not the URL, to bound the label's values), method
    /// and status code.
    func request(route: String, method: String, status: Int, duration: Duration) {
        registry.makeCounter(descriptor: Self.requests,
                             labels: [("route", route), ("method", method), ("code", String(status))]).increment()
        registry.makeDurationHistogram(descriptor: Self.latency, labels: [("route", route)],
                                       buckets: Self.latencyBuckets).record(duration)
    }

    /// One exchange with the Kubernetes API server (each attempt of a retried request counts).
    @Sendable public func kubernetesRequest(_ request: KubernetesRequestMetric) {
        let code = request.statusCode.map(String.init) ?? "none"
        registry.makeCounter(descriptor: Self.kubernetesRequests, labels: [("verb", request.verb), ("code", code)])
            .increment()
        registry.makeDurationHistogram(descriptor: Self.kubernetesLatency, labels: [("verb", request.verb)],
                                       buckets: Self.latencyBuckets).record(request.latency)
        if request.verb == "watch" { registry.makeCounter(descriptor: Self.watchOpens).increment() }
    }

    func transition(to state: JobState) {
        registry.makeCounter(descriptor: Self.transitions, labels: [("to", state.rawValue)]).increment()
    }

    func staged(bytes: Int64, direction: StagingDirection) {
        registry.makeCounter(descriptor: Self.stagingBytes, labels: [("direction", direction.rawValue)])
            .increment(by: bytes)
    }

    func stagingFailed(direction: StagingDirection) {
        registry.makeCounter(descriptor: Self.stagingErrors, labels: [("direction", direction.rawValue)]).increment()
    }

    /// Time from the executor being asked to run a job to its payload starting.
    func queueWait(_ duration: Duration) {
        registry.makeDurationHistogram(descriptor: Self.queueWait, buckets: Self.waitBuckets).record(duration)
    }

    /// Sets the jobs-by-state gauges from the store, just before a scrape.
    func refreshJobCounts(_ counts: [JobState: Int]) {
        for state in JobState.allCases {
            registry.makeGauge(descriptor: Self.jobs, labels: [("state", state.rawValue)]).set(Double(counts[state] ?? 0))
        }
    }

    /// The Prometheus text exposition.
    func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }

    enum StagingDirection: String {
        case stageIn = "in"
        case stageOut = "out"
    }
}
