import Synchronization

/// A misbehaviour the fake shows instead of answering, so that a client's retries, back-off and
/// reconnects can be tested.
public enum Fault: Sendable, Equatable {
    /// 429 as API Priority and Fairness sends it: text/plain body and `Retry-After`.
    case tooManyRequests(retryAfterSeconds: Int = 1)
    /// A 5xx JSON Status (500 InternalError, 503 ServiceUnavailable, 504 Timeout...).
    case serverError(status: Int)
    /// The connection is closed without any answer.
    case dropConnection
}

/// Which requests a fault applies to: nil fields match anything; `path` matches a prefix of the
/// request path.
public struct RequestMatcher: Sendable, Equatable {
    public let method: String?
    public let pathPrefix: String?

    public init(method: String? = nil, pathPrefix: String? = nil) {
        self.method = method
        self.pathPrefix = pathPrefix
    }

    public static let any = RequestMatcher()

    func matches(method: String, path: String) -> Bool {
        (self.method.map { $0.caseInsensitiveCompare(method) == .orderedSame } ?? true)
            && (pathPrefix.map(path.hasPrefix) ?? true)
    }
}

/// One request the fake received, for assertions such as "at most 4 requests per job".
public struct RecordedRequest: Sendable, Equatable {
    public let method: String
    public let path: String
    public let query: String
    /// The Kubernetes verb (`get`, `list`, `watch`, `create`, `patch`, `delete`, ...).
    public let verb: String
    /// The pod the request was about, when the path names one.
    public let pod: String?
}

/// The queue of pending faults and the log of requests, shared by all connections.
final class FaultInjector: Sendable {
    private struct Rule {
        let matcher: RequestMatcher
        var remaining: Int
        let fault: Fault
    }

    private let rules = Mutex<[Rule]>([])
    private let log = Mutex<[RecordedRequest]>([])

    func inject(_ fault: Fault, count: Int, matching matcher: RequestMatcher) {
        rules.withLock { $0.append(Rule(matcher: matcher, remaining: count, fault: fault)) }
    }

    func clear() { rules.withLock { $0.removeAll() } }

    /// The fault for this request, consuming one use of the first matching rule.
    func fault(method: String, path: String) -> Fault? {
        rules.withLock { rules in
            guard let index = rules.firstIndex(where: { $0.remaining > 0 && $0.matcher.matches(method: method, path: path) })
            else { return nil }
            rules[index].remaining -= 1
            let fault = rules[index].fault
            rules.removeAll { $0.remaining <= 0 }
            return fault
        }
    }

    func record(_ request: RecordedRequest) { log.withLock { $0.append(request) } }

    var requests: [RecordedRequest] { log.withLock { $0 } }

    func resetRequests() { log.withLock { $0.removeAll() } }
}
