/// One file to place in a job's session directory before the job starts.
///
/// This is the staging layer's own model, so the library does not depend on `JobDescriptions`: the
/// engine maps each job's inputs (and its site policy) onto these.
public struct InputRequest: Sendable, Hashable {
    /// Relative path inside the session directory (`data/in.bin`). Absolute names and `..` are
    /// refused even though the caller has validated them, since a mistake here writes outside the job.
    public var name: String
    public var source: InputSource
    /// Verified against the bytes as they arrive; a mismatch fails the file and leaves nothing behind.
    public var checksum: Checksum?
    /// A cap for this file on top of `StagingConfiguration.maxFileBytes` (the smaller wins).
    public var maxBytes: Int64?
    /// Sets mode 0755 instead of 0644, for the job's executable and scripts it runs.
    public var executable: Bool

    public init(name: String, source: InputSource, checksum: Checksum? = nil, maxBytes: Int64? = nil,
                executable: Bool = false) {
        self.name = name
        self.source = source
        self.checksum = checksum
        self.maxBytes = maxBytes
        self.executable = executable
    }
}
