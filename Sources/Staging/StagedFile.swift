/// An input that is in place under its final name (fsync'd if the configuration asks for it), with
/// the checksum it was verified against.
public struct StagedFile: Sendable, Hashable {
    public var name: String
    /// Absolute path of the file in the session directory.
    public var path: String
    public var bytes: Int64
    /// The checksum the bytes were verified against; nil when the request gave none.
    public var checksum: Checksum?
    /// Attempts it took (1 unless a transient error was retried), for the job's log and metrics.
    public var attempts: Int

    public init(name: String, path: String, bytes: Int64, checksum: Checksum?, attempts: Int) {
        self.name = name
        self.path = path
        self.bytes = bytes
        self.checksum = checksum
        self.attempts = attempts
    }
}
