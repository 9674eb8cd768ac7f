/// A file the job leaves behind, and where it goes when the job ends.
public struct OutputFile: Sendable, Hashable, Codable {
    /// One destination, and the job outcomes for which it is used (ADL `UseIf…`).
    public struct Target: Sendable, Hashable, Codable {
        public var location: DataLocation
        public var useIfSuccess: Bool
        public var useIfFailure: Bool
        public var useIfCancel: Bool

        public init(location: DataLocation, useIfSuccess: Bool = true, useIfFailure: Bool = false,
                    useIfCancel: Bool = false) {
            self.location = location
            self.useIfSuccess = useIfSuccess
            self.useIfFailure = useIfFailure
            self.useIfCancel = useIfCancel
        }
    }

    /// Name inside the session directory; a trailing `/` is a directory, `@name` a file that lists
    /// further outputs.
    public var name: String
    /// Empty: the file stays in the session directory for the submitter to fetch.
    public var targets: [Target]

    public init(name: String, targets: [Target] = []) {
        self.name = name
        self.targets = targets
    }
}
