import Foundation

/// A request as the router sees it: already read completely, with the caller's identity.
struct FakeRequest: Sendable {
    let method: String
    let path: String
    let rawQuery: String
    let query: [String: String]
    let headers: [(String, String)]
    let body: Data
    /// The verified client certificate's user and groups, if one was presented.
    let certificateIdentity: (user: String, groups: [String])?

    func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }

    init(method: String, uri: String, headers: [(String, String)], body: Data,
         certificateIdentity: (user: String, groups: [String])?) {
        self.method = method
        self.headers = headers
        self.body = body
        self.certificateIdentity = certificateIdentity
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        path = parts.first.map { String($0).removingPercentEncoding ?? String($0) } ?? "/"
        rawQuery = parts.count > 1 ? String(parts[1]) : ""
        var query: [String: String] = [:]
        for pair in rawQuery.split(separator: "&") {
            let keyValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            guard let key = keyValue.first.map(decode), query[key] == nil else { continue }
            query[key] = keyValue.count > 1 ? decode(keyValue[1]) : ""
        }
        self.query = query
    }
}

/// What the server sends back: a complete answer, a stream of chunks (watches), or nothing at
/// all (a dropped connection).
enum FakeResponse: Sendable {
    case full(status: Int, headers: [(String, String)], body: Data)
    case stream(headers: [(String, String)], chunks: AsyncStream<Data>)
    case drop

    static func json(_ status: Int, _ body: JSON, headers: [(String, String)] = []) -> FakeResponse {
        .full(status: status, headers: [("Content-Type", "application/json")] + headers, body: body.serialized)
    }

    static func error(_ error: StatusError) -> FakeResponse {
        .json(error.code, error.status, headers: error.headers)
    }

    static func text(_ status: Int, _ text: String, contentType: String = "text/plain") -> FakeResponse {
        .full(status: status, headers: [("Content-Type", contentType)], body: Data(text.utf8))
    }
}
