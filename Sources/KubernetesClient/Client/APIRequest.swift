import Foundation
import NIOHTTP1

/// One call to the API server before it becomes an HTTP request: what it is (for logs, metrics
/// and errors), where it goes, and how safe it is to repeat.
struct APIRequest: Sendable {
    /// Whether a request may be sent again after a failure that left its effect unknown.
    enum Repeatability: Sendable {
        /// GET, LIST, DELETE, PATCH: repeating does no harm.
        case idempotent
        /// POST with a fixed name: a repeat that finds its own earlier success gets 409
        /// AlreadyExists, which the caller turns into adoption.
        case createNamed
        /// POST with `generateName`: a repeat could create a second object, so it is repeated only
        /// when the server certainly did not act (429, or no connection was made).
        case createGenerated
    }

    var verb: String
    var method: HTTPMethod
    var path: String
    var query: [(name: String, value: String)] = []
    var body: Data? = nil
    var contentType: String? = nil
    var repeatability: Repeatability = .idempotent
    var namespace: String? = nil
    var pod: String? = nil

    /// The path and query, percent-encoded, to append to the server URL.
    var target: String {
        guard !query.isEmpty else { return path }
        return path + "?" + query.map { "\(Self.encode($0.name))=\(Self.encode($0.value))" }.joined(separator: "&")
    }

    private static let unreserved = CharacterSet(charactersIn:
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// Percent-encodes everything but RFC 3986's unreserved characters.
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// `/api/v1/namespaces/<ns>/<resource>[/<name>[/<subresource>]]`, or the cluster-wide
    /// collection when `namespace` is nil.
    static func path(namespace: String?, resource: String, name: String? = nil, subresource: String? = nil) -> String {
        var path = "/api/v1"
        if let namespace { path += "/namespaces/" + encode(namespace) }
        path += "/" + resource
        if let name { path += "/" + encode(name) }
        if let subresource { path += "/" + subresource }
        return path
    }
}
