/// A request the API server refused, or that never got an answer.
///
/// Carries what is needed to act on it and to log it: the HTTP status, the Kubernetes reason and
/// message, the validation causes, the verb and path, and whether trying again later may help.
/// Branch on `kind` (and `isTransient`), never on the text.
public struct KubernetesError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The category of failure. A struct rather than a public enum so kinds can be added without
    /// breaking callers' switches.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        fileprivate enum Base: String, Sendable, Hashable {
            case badRequest, unauthorized, forbidden, notFound, alreadyExists, conflict, gone, unsupportedMediaType,
                invalid, tooManyRequests, serverError, httpStatus, timeout, network, invalidResponse, cancelled,
                configuration
        }

        fileprivate let base: Base

        /// 400: a malformed object, an unknown field under `fieldValidation=Strict`, a bad selector,
        /// a log request for a container that is not running.
        public static let badRequest = Kind(base: .badRequest)
        /// 401: the token is unknown or expired.
        public static let unauthorized = Kind(base: .unauthorized)
        /// 403: RBAC or Pod Security admission said no (also for requests without credentials).
        public static let forbidden = Kind(base: .forbidden)
        /// 404.
        public static let notFound = Kind(base: .notFound)
        /// 409 `AlreadyExists`: a create of a name that exists, e.g. after a retried create.
        public static let alreadyExists = Kind(base: .alreadyExists)
        /// 409 `Conflict`: a failed precondition or a stale resourceVersion.
        public static let conflict = Kind(base: .conflict)
        /// 410 `Expired`, as an HTTP answer or a watch ERROR event: relist.
        public static let gone = Kind(base: .gone)
        /// 415: a patch with the wrong content type.
        public static let unsupportedMediaType = Kind(base: .unsupportedMediaType)
        /// 422 `Invalid`: see `causes`.
        public static let invalid = Kind(base: .invalid)
        /// 429: throttled by API Priority and Fairness or max-inflight.
        public static let tooManyRequests = Kind(base: .tooManyRequests)
        /// 5xx, including 504 for a resourceVersion from the future.
        public static let serverError = Kind(base: .serverError)
        /// Any other unsuccessful status.
        public static let httpStatus = Kind(base: .httpStatus)
        /// The request's deadline passed before the answer was complete.
        public static let timeout = Kind(base: .timeout)
        /// Connection refused or reset, TLS failure, a stream cut short.
        public static let network = Kind(base: .network)
        /// A 2xx answer whose body is not what the API promises.
        public static let invalidResponse = Kind(base: .invalidResponse)
        /// The calling task was cancelled.
        public static let cancelled = Kind(base: .cancelled)
        /// The client's configuration cannot be used (unreadable token file, bad certificate).
        public static let configuration = Kind(base: .configuration)

        public var description: String { base.rawValue }
    }

    public let kind: Kind
    /// The HTTP status, or 410 for a watch ERROR event; nil when there was no answer.
    public let statusCode: Int?
    /// The Kubernetes `reason` (`NotFound`, `AlreadyExists`, `Invalid`, `Expired`, …).
    public let reason: String?
    public let message: String
    /// Every validation error of a 422, with its field path.
    public let causes: [Status.Cause]
    /// `create`, `get`, `list`, `watch`, `delete`, `patch`, `log`.
    public let verb: String
    public let path: String
    /// Attempts made, retries included.
    public let attempts: Int
    /// The server's `Retry-After`, when it sent one.
    public let retryAfter: Duration?

    init(kind: Kind, statusCode: Int? = nil, reason: String? = nil, message: String, causes: [Status.Cause] = [],
         verb: String, path: String, attempts: Int = 1, retryAfter: Duration? = nil) {
        self.kind = kind
        self.statusCode = statusCode
        self.reason = reason
        self.message = message
        self.causes = causes
        self.verb = verb
        self.path = path
        self.attempts = attempts
        self.retryAfter = retryAfter
    }

    /// Whether trying again later may succeed: throttling, server errors (but 501), timeouts and
    /// network trouble. A 410 is not: it needs a relist, not a retry.
    public var isTransient: Bool {
        switch kind {
        case .tooManyRequests, .timeout, .network: true
        case .serverError: statusCode != 501
        default: false
        }
    }

    /// For example
    /// `create /api/v1/namespaces/grid/pods: HTTP 422 Invalid: Pod "X" is invalid: ... [metadata.name: ...]`.
    public var description: String {
        var text = "\(verb) \(path): "
        if let statusCode { text += "HTTP \(statusCode) " }
        if let reason, !reason.isEmpty { text += "\(reason): " }
        text += message
        let fields = causes.compactMap { cause in cause.field.map { "\($0): \(cause.message ?? cause.reason ?? "")" } }
        if !fields.isEmpty { text += " [" + fields.joined(separator: "; ") + "]" }
        if attempts > 1 { text += " (after \(attempts) attempts)" }
        return text
    }

    func with(attempts: Int) -> KubernetesError {
        KubernetesError(kind: kind, statusCode: statusCode, reason: reason, message: message, causes: causes,
                        verb: verb, path: path, attempts: attempts, retryAfter: retryAfter)
    }
}

extension KubernetesError.Kind {
    /// The kind an HTTP status and Kubernetes reason stand for.
    static func of(statusCode: Int, reason: String?) -> KubernetesError.Kind {
        switch statusCode {
        case 400: .badRequest
        case 401: .unauthorized
        case 403: .forbidden
        case 404: .notFound
        case 409: reason == "AlreadyExists" ? .alreadyExists : .conflict
        case 410: .gone
        case 415: .unsupportedMediaType
        case 422: .invalid
        case 429: .tooManyRequests
        case 500...599: .serverError
        default: .httpStatus
        }
    }
}
