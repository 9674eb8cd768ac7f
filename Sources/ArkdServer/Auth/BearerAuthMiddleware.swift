import Foundation
import Hummingbird

/// Resolves `Authorization: Bearer <token>` to a principal. Health, readiness and metrics are
/// public so probes and scrapers need no token. Without a token table (unix socket only, guarded
/// by its file mode) every caller is an admin under the site's default owner.
struct BearerAuthMiddleware: RouterMiddleware {
    typealias Context = ArkdRequestContext

    static let publicPaths: Set<String> = ["/healthz", "/readyz", "/metrics"]

    let tokens: TokenTable?
    let defaultOwner: String

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if !Self.publicPaths.contains(request.uri.path) {
            context.principal = try principal(for: request)
        }
        return try await next(request, context)
    }

    private func principal(for request: Request) throws(APIError) -> Principal {
        guard let tokens else { return Principal(owner: defaultOwner, role: .admin) }
        guard let header = request.headers[.authorization] else { throw APIError.unauthenticated }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw APIError(.unauthorized, code: "unauthenticated", "the Authorization header must be 'Bearer <token>'")
        }
        guard let principal = tokens.principal(forToken: String(parts[1]).trimmingCharacters(in: .whitespaces)) else {
            throw APIError(.unauthorized, code: "unauthenticated", "the bearer token is not known to this arkd")
        }
        return principal
    }
}
