/// A file the job needs in its session directory before it starts.
public struct InputFile: Sendable, Hashable, Codable {
    /// Where the file comes from.
    public enum Source: Sendable, Hashable, Codable {
        /// Uploaded by whoever submits the job. `path` is the submitter's local path as written
        /// (empty: the same name as the file, relative to the submit directory).
        case submitter(path: String)
        /// Fetched by the site before the job starts; several locations are alternatives.
        case remote([DataLocation])
    }

    /// Name inside the session directory.
    public var name: String
    public var source: Source
    /// Expected size in bytes, when the submitter declared it.
    public var size: Int64?
    /// Expected checksum, `algorithm:value` (or ARC's bare `cksum` value from GM xRSL).
    public var checksum: String?
    public var executable: Bool

    public init(name: String, source: Source, size: Int64? = nil, checksum: String? = nil, executable: Bool = false) {
        self.name = name
        self.source = source
        self.size = size
        self.checksum = checksum
        self.executable = executable
    }
}
