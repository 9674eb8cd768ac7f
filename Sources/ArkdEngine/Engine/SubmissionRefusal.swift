/// Thrown when a description is valid but the submission around it is not: uploaded files that do
/// not match the inputs it names. Nothing is stored.
public struct SubmissionRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
