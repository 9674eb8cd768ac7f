/// One file to move out of a job's session directory after the job has ended.
///
/// An output with several destinations is several requests with the same name.
public struct OutputRequest: Sendable, Hashable {
    /// Relative path inside the session directory; a file (directory outputs are not handled here).
    public var name: String
    public var target: OutputTarget

    public init(name: String, target: OutputTarget = .keep) {
        self.name = name
        self.target = target
    }
}
