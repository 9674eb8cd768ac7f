/// Moves a job's files in and out of its session directory; the engine calls it, the Staging
/// library does the work.
public protocol JobStaging: Sendable {
    /// Fetches every input into the job's session directory.
    func stageIn(_ job: JobRecord, progress: @escaping @Sendable (TransferProgress) -> Void) async throws(StagingFailure)

    /// Delivers outputs whose targets apply to the job's outcome; the rest stay in the session
    /// directory.
    func stageOut(_ job: JobRecord, progress: @escaping @Sendable (TransferProgress) -> Void) async throws(StagingFailure)
}
