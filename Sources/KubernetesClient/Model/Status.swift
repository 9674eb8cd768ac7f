/// `metav1.Status`: the body of every JSON error answer, and the object of a watch ERROR event.
///
/// `details.kind` is the resource (`pods`) for NotFound, AlreadyExists and Forbidden but the kind
/// (`Pod`) for Invalid; `details` is absent for 400, 401 and 410.
public struct Status: Codable, Sendable, Hashable {
    public var kind: String?
    public var apiVersion: String?
    /// `Success` or `Failure`.
    public var status: String?
    public var message: String?
    /// Machine-readable: `NotFound`, `AlreadyExists`, `Invalid`, `Conflict`, `Expired`, `Forbidden`, …
    public var reason: String?
    public var details: Details?
    public var code: Int?

    public init(status: String? = nil, message: String? = nil, reason: String? = nil, details: Details? = nil,
                code: Int? = nil) {
        kind = "Status"
        apiVersion = "v1"
        self.status = status
        self.message = message
        self.reason = reason
        self.details = details
        self.code = code
    }

    /// `metav1.StatusDetails`.
    public struct Details: Codable, Sendable, Hashable {
        public var name: String?
        public var group: String?
        public var kind: String?
        public var uid: String?
        public var causes: [Cause]?
        public var retryAfterSeconds: Int?

        public init(name: String? = nil, group: String? = nil, kind: String? = nil, uid: String? = nil,
                    causes: [Cause]? = nil, retryAfterSeconds: Int? = nil) {
            self.name = name
            self.group = group
            self.kind = kind
            self.uid = uid
            self.causes = causes
            self.retryAfterSeconds = retryAfterSeconds
        }
    }

    /// `metav1.StatusCause`: one validation error, e.g. `FieldValueInvalid` on
    /// `spec.containers[0].resources.limits[cpu]`.
    public struct Cause: Codable, Sendable, Hashable {
        public var reason: String?
        public var message: String?
        public var field: String?

        public init(reason: String? = nil, message: String? = nil, field: String? = nil) {
            self.reason = reason
            self.message = message
            self.field = field
        }
    }
}
