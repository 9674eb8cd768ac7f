import Hummingbird
import JobDescriptions

/// An error the API reports as `{"error": {"code", "message"}}` with an HTTP status; a rejected
/// description adds `errors: [{line, column, message, severity}]` with every finding.
public struct APIError: HTTPResponseError, Sendable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    /// A stable, machine-readable name (`not_found`, `invalid_description`...), for scripts.
    public var code: String
    public var message: String
    public var diagnostics: [Diagnostic]
    /// For 405: the methods the path does answer (the `Allow` header).
    public var allowedMethods: [HTTPRequest.Method]

    public init(_ status: HTTPResponse.Status, code: String, _ message: String, diagnostics: [Diagnostic] = [],
                allowedMethods: [HTTPRequest.Method] = []) {
        self.status = status
        self.code = code
        self.message = message
        self.diagnostics = diagnostics
        self.allowedMethods = allowedMethods
    }

    public var description: String { "\(status.code) \(code): \(message)" }

    static let unauthenticated = APIError(.unauthorized, code: "unauthenticated",
                                          "this needs a bearer token (Authorization: Bearer <token>)")

    static func noSuchJob(_ id: String) -> APIError {
        APIError(.notFound, code: "not_found", "no job '\(id)'")
    }

    static func badRequest(_ message: String) -> APIError {
        APIError(.badRequest, code: "bad_request", message)
    }

    static func tooLarge(limit: Int) -> APIError {
        APIError(.contentTooLarge, code: "too_large", "the request body is larger than the limit of \(limit) bytes")
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try JSONResponse.make(ErrorBody(self), status: status)
        if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
        if !allowedMethods.isEmpty { response.headers[.allow] = allowedMethods.map(\.rawValue).joined(separator: ", ") }
        return response
    }

    /// The body's shape.
    struct ErrorBody: Encodable {
        struct Detail: Encodable {
            var code: String
            var message: String
        }

        var error: Detail
        var errors: [DiagnosticJSON]?

        init(_ error: APIError) {
            self.error = Detail(code: error.code, message: error.message)
            errors = error.diagnostics.isEmpty ? nil : error.diagnostics.map(DiagnosticJSON.init)
        }
    }
}
