import Hummingbird
import Logging

/// Turns every error into the API's JSON error body, so clients never see Hummingbird's own
/// plain-text errors: unknown routes, oversized bodies and unexpected failures alike.
struct ErrorJSONMiddleware: RouterMiddleware {
    typealias Context = ArkdRequestContext

    let maxRequestBytes: Int
    /// The routes served, to tell a wrong method (405) from an unknown path (404).
    let routes: RouteTable

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return try error.response(from: request, context: context)
        } catch let error as HTTPResponseError {
            return try translate(error.status, request: request).response(from: request, context: context)
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(error)", "http.path": "\(request.uri.path)"])
            return try APIError(.internalServerError, code: "internal", "the server failed: \(error)")
                .response(from: request, context: context)
        }
    }

    private func translate(_ status: HTTPResponse.Status, request: Request) -> APIError {
        switch status {
        case .notFound:
            if case let allowed = routes.methods(forPath: request.uri.path), !allowed.isEmpty {
                APIError(.methodNotAllowed, code: "method_not_allowed",
                         "\(request.method) is not allowed on \(request.uri.path); allowed: "
                             + allowed.map(\.rawValue).joined(separator: ", "),
                         allowedMethods: allowed)
            } else {
                APIError(.notFound, code: "no_route", "no route \(request.method) \(request.uri.path)")
            }
        case .methodNotAllowed:
            APIError(.methodNotAllowed, code: "method_not_allowed", "\(request.method) is not allowed on \(request.uri.path)")
        case .contentTooLarge:
            APIError.tooLarge(limit: maxRequestBytes)
        default:
            APIError(status, code: "http_\(status.code)", status.reasonPhrase)
        }
    }
}
