import Foundation

/// An API error as the server reported it, or a failure to reach the server.
struct ArkdClientError: Error, CustomStringConvertible {
    var status: Int
    var code: String
    var message: String
    /// A rejected description's findings.
    var findings: [RemoteFinding] = []

    init(status: Int, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    init(status: Int, body: [UInt8]) {
        self.status = status
        if let decoded = try? JSONDecoder().decode(RemoteErrorBody.self, from: Data(body)) {
            code = decoded.error.code
            message = decoded.error.message
            findings = decoded.errors ?? []
        } else {
            code = "http_\(status)"
            message = String(decoding: body.prefix(500), as: UTF8.self)
        }
    }

    /// The documented exit status (README, "Exit status of client commands"): scripts tell a
    /// transient failure (retry later) from a refusal (do not).
    var exitStatus: Int32 {
        switch status {
        case 0, 500...: 3
        case 401, 403: 4
        default: 1
        }
    }

    var description: String {
        (["\(message) (\(code)\(status > 0 ? ", HTTP \(status)" : ""))"]
            + findings.map { "\($0.line):\($0.column): \($0.severity): \($0.message)" }).joined(separator: "\n")
    }
}
