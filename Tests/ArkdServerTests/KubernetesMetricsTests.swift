@testable import ArkdServer
@testable import KubernetesClient
import Testing

@Suite("metrics: Kubernetes API requests and watch restarts")
struct KubernetesMetricsTests {
    @Test("requests count by verb and code (none without an answer); every watch opened counts")
    func requestsAndWatches() {
        let metrics = ArkdMetrics()
        let exchanges: [(String, Int?)] = [("create", 201), ("create", 201), ("create", 429), ("watch", 200),
                                           ("watch", nil), ("list", 200)]
        for (verb, code) in exchanges {
            metrics.kubernetesRequest(KubernetesRequestMetric(verb: verb, method: "GET", path: "/api/v1/pods",
                                                              statusCode: code, latency: .milliseconds(3), attempt: 1))
        }
        let text = String(decoding: metrics.exposition(), as: UTF8.self)
        #expect(text.contains(#"arkd_kubernetes_requests_total{verb="create",code="201"} 2"#), "\(text)")
        #expect(text.contains(#"arkd_kubernetes_requests_total{verb="create",code="429"} 1"#))
        #expect(text.contains(#"arkd_kubernetes_requests_total{verb="watch",code="none"} 1"#))
        #expect(text.contains("arkd_kubernetes_watch_opens_total 2"))
        #expect(text.contains(#"arkd_kubernetes_request_duration_seconds_count{verb="create"} 3"#))
    }
}
