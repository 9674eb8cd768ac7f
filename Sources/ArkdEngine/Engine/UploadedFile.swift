/// A file the submitter sent with the description (a multipart API request): an input the
/// description lists as uploaded by the submitter, under the local path it gives.
public struct UploadedFile: Sendable, Hashable {
    /// The submitter's path as the description writes it (or the input's name when it gives none).
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}
