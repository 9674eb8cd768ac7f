import Foundation

/// The opaque `cursor` of `GET /v1/jobs`: where the next page starts, base64url-encoded so clients
/// treat it as a token rather than a number to compute with.
enum ListCursor {
    private static let prefix = "p1:"

    static func encode(_ position: Int64) -> String {
        Data((prefix + String(position)).utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ cursor: String) throws(APIError) -> Int64 {
        var text = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        text += String(repeating: "=", count: (4 - text.utf8.count % 4) % 4)
        guard let data = Data(base64Encoded: text), let plain = String(data: data, encoding: .utf8),
              plain.hasPrefix(prefix), let position = Int64(plain.dropFirst(prefix.count)), position >= 0
        else {
            throw APIError(.badRequest, code: "invalid_cursor", "the cursor is not one this server handed out")
        }
        return position
    }
}
