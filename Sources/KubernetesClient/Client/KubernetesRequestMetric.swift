/// One HTTP exchange with the API server, reported to `KubernetesClientOptions.requestObserver`
/// so a caller can count requests per verb and code and measure latency.
///
/// Each attempt of a retried request is reported on its own; `statusCode` is nil when no answer
/// came (connection error, timeout).
public struct KubernetesRequestMetric: Sendable, Hashable {
    /// `create`, `get`, `list`, `watch`, `delete`, `patch`, `log`.
    public let verb: String
    public let method: String
    public let path: String
    public let statusCode: Int?
    /// From sending to the end of the response head (watches, log streams) or body (the rest).
    public let latency: Duration
    /// 1 for the first attempt.
    public let attempt: Int
}
