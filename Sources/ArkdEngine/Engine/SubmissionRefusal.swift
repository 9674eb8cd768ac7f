/// Thrown when a description is valid but the site will not take the submission: uploaded files
/// that do not match the inputs it names, a queue that does not exist, or more than a queue gives.
/// Nothing is stored.
public struct SubmissionRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// A stable name for scripts: `invalid_upload`, `unknown_queue`, `queue_limit`.
    public var code: String

    public init(_ message: String, code: String) {
        self.message = message
        self.code = code
    }

    public var description: String { message }
}
