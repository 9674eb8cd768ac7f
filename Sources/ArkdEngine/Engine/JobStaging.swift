/// Moves a job's files in and out of its session directory; the engine calls it, the Staging
/// library does the work.
public protocol JobStaging: Sendable {
    /// Fetches every input into the job's session directory.
    func stageIn(_ job: JobRecord, progress: @escaping @Sendable (StagingProgress) -> Void) async throws(StagingFailure)

    /// Delivers outputs whose targets apply to the job's outcome; the rest stay in the session
    /// directory.
    func stageOut(_ job: JobRecord, progress: @escaping @Sendable (StagingProgress) -> Void) async throws(StagingFailure)
}

/// How far a transfer has come, for progress displays.
public struct StagingProgress: Sendable, Hashable {
    public var file: String
    public var bytes: Int64
    public var totalBytes: Int64?

    public init(file: String, bytes: Int64, totalBytes: Int64?) {
        self.file = file
        self.bytes = bytes
        self.totalBytes = totalBytes
    }
}

/// Why staging failed; it becomes the job's failure reason.
public struct StagingFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
