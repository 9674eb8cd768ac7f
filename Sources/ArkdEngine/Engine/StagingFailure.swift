/// Why staging failed; it becomes the job's failure reason.
public struct StagingFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
