import Hummingbird

/// Per-request state: who is asking, set by `BearerAuthMiddleware` before any route runs.
public struct ArkdRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// `nil` only on the public routes (health, readiness, metrics).
    public var principal: Principal?

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        principal = nil
    }

    /// The caller, if its role includes `role`: 401 without credentials, 403 with too small a role.
    public func require(_ role: Role) throws(APIError) -> Principal {
        guard let principal else { throw APIError.unauthenticated }
        guard principal.role >= role else {
            throw APIError(.forbidden, code: "forbidden",
                           "this needs the \(role.rawValue) role; the token has \(principal.role.rawValue)")
        }
        return principal
    }
}
