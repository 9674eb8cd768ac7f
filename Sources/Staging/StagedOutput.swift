/// An output that reached its target (or, for `.keep`, was found in the session directory).
public struct StagedOutput: Sendable, Hashable {
    public var name: String
    public var target: OutputTarget
    /// Size of the file that was sent (or kept).
    public var bytes: Int64
    /// Attempts it took (1 unless a transient error was retried).
    public var attempts: Int

    public init(name: String, target: OutputTarget, bytes: Int64, attempts: Int) {
        self.name = name
        self.target = target
        self.bytes = bytes
        self.attempts = attempts
    }
}
