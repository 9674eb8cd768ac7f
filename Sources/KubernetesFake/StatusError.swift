/// A `Status` failure the API server answers with, shaped exactly as the recordings show.
///
/// `details.kind` is the resource (`pods`) for NotFound, AlreadyExists, Forbidden and the
/// resourceVersion Conflict, but the Kind (`Pod`) for Invalid and the precondition Conflict;
/// 400, 401 and 410 carry no details; 415 and a failed JSON-patch test carry `details: {}`.
struct StatusError: Error, Sendable {
    let code: Int
    let status: JSON
    var headers: [(String, String)] = []

    init(code: Int, reason: String, message: String, details: JSON? = nil, metadata: JSON = .object([:])) {
        self.code = code
        var body: JSON = [
            "kind": "Status", "apiVersion": "v1", "metadata": metadata, "status": "Failure",
            "message": .string(message), "reason": .string(reason), "code": .int(Int64(code)),
        ]
        if let details { body["details"] = details }
        status = body
    }

    static func badRequest(_ message: String) -> StatusError {
        StatusError(code: 400, reason: "BadRequest", message: message)
    }

    static func notFound(resource: String, name: String) -> StatusError {
        StatusError(code: 404, reason: "NotFound", message: "\(resource) \"\(name)\" not found",
                    details: ["name": .string(name), "kind": .string(resource)])
    }

    /// The answer for a path the fake does not serve at all.
    static let unknownPath = StatusError(code: 404, reason: "NotFound",
                                         message: "the server could not find the requested resource",
                                         details: .object([:]))

    static func alreadyExists(resource: String, name: String) -> StatusError {
        StatusError(code: 409, reason: "AlreadyExists", message: "\(resource) \"\(name)\" already exists",
                    details: ["name": .string(name), "kind": .string(resource)])
    }

    static func conflict(resource: String, name: String) -> StatusError {
        StatusError(code: 409, reason: "Conflict",
                    message: "Operation cannot be fulfilled on \(resource) \"\(name)\": the object has been modified; please apply your changes to the latest version and try again",
                    details: ["name": .string(name), "kind": .string(resource)])
    }

    static func uidPrecondition(kind: String, name: String, expected: String, actual: String) -> StatusError {
        StatusError(code: 409, reason: "Conflict",
                    message: "Operation cannot be fulfilled on \(kind) \"\(name)\": the UID in the precondition (\(expected)) does not match the UID in record (\(actual)). The object might have been deleted and then recreated",
                    details: ["name": .string(name), "kind": .string(kind)])
    }

    static func invalid(kind: String, name: String, causes: [ValidationCause]) -> StatusError {
        let described = causes.map { "\($0.field): \($0.message)" }
        let summary = described.count == 1 ? described[0] : "[" + described.joined(separator: ", ") + "]"
        var details: JSON = ["kind": .string(kind), "causes": .array(causes.map(\.json))]
        if !name.isEmpty { details["name"] = .string(name) }
        return StatusError(code: 422, reason: "Invalid", message: "\(kind) \"\(name)\" is invalid: \(summary)",
                           details: details)
    }

    /// A JSON patch whose `test` operation failed: the generic 422 with empty details.
    static let patchTestFailed = StatusError(code: 422, reason: "Invalid",
                                             message: "the server rejected our request due to an error in our request",
                                             details: .object([:]))

    static let unsupportedMediaType = StatusError(code: 415, reason: "UnsupportedMediaType",
                                                  message: "415: Unsupported Media Type", details: .object([:]))

    static let unauthorized = StatusError(code: 401, reason: "Unauthorized", message: "Unauthorized")

    static func gone(_ message: String, continueToken: String? = nil) -> StatusError {
        var metadata: JSON = .object([:])
        if let continueToken { metadata["continue"] = .string(continueToken) }
        return StatusError(code: 410, reason: "Expired", message: message, metadata: metadata)
    }

    static func methodNotAllowed() -> StatusError {
        StatusError(code: 405, reason: "MethodNotAllowed",
                    message: "the server does not allow this method on the requested resource", details: .object([:]))
    }

    static func tooLargeResourceVersion(requested: String, current: Int64) -> StatusError {
        var error = StatusError(code: 504, reason: "Timeout",
                                message: "Timeout: Too large resource version: \(requested), current: \(current)",
                                details: ["causes": [["reason": "ResourceVersionTooLarge", "message": "Too large resource version"]],
                                          "retryAfterSeconds": 1])
        error.headers = [("Retry-After", "1")]
        return error
    }
}

/// One entry of `details.causes` in a 422 Invalid answer.
struct ValidationCause: Sendable {
    let reason: String
    let message: String
    let field: String

    var json: JSON { ["reason": .string(reason), "message": .string(message), "field": .string(field)] }

    static func invalid(_ field: String, value: String, _ detail: String) -> ValidationCause {
        ValidationCause(reason: "FieldValueInvalid", message: "Invalid value: \(quoted(value)): \(detail)", field: field)
    }

    static func required(_ field: String, _ detail: String? = nil) -> ValidationCause {
        ValidationCause(reason: "FieldValueRequired", message: detail.map { "Required value: \($0)" } ?? "Required value",
                        field: field)
    }

    static func notSupported(_ field: String, value: String, supported: [String]) -> ValidationCause {
        ValidationCause(reason: "FieldValueNotSupported",
                        message: "Unsupported value: \(quoted(value)): supported values: "
                            + supported.map(quoted).joined(separator: ", "),
                        field: field)
    }

    static func quoted(_ value: String) -> String { JSON.string(value).text }
}
