/// How far one file's transfer has got, reported as bytes move so a CLI can draw a progress bar
/// and the daemon can tell a slow transfer from a stuck one.
public struct StagingProgress: Sendable, Hashable {
    public var direction: StagingDirection
    public var name: String
    /// Bytes written (stage-in) or read for sending (stage-out) so far in the current attempt; it
    /// starts again from 0 when an attempt is retried.
    public var bytes: Int64
    /// The file's size when known (Content-Length, or the local file's size).
    public var totalBytes: Int64?
    /// Which attempt this is, from 1.
    public var attempt: Int

    public init(direction: StagingDirection, name: String, bytes: Int64, totalBytes: Int64?, attempt: Int) {
        self.direction = direction
        self.name = name
        self.bytes = bytes
        self.totalBytes = totalBytes
        self.attempt = attempt
    }
}

/// Called from whichever task moves the bytes, possibly concurrently for several files; keep it
/// cheap and thread-safe.
public typealias StagingProgressHandler = @Sendable (StagingProgress) -> Void
