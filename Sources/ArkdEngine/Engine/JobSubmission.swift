import JobDescriptions

/// A description handed to the engine, and who submits it.
public struct JobSubmission: Sendable {
    public var text: [UInt8]
    public var dialect: XRSLDialect
    /// Idempotency key: a repeated key returns the job it created first.
    public var clientKey: String?
    public var owner: String?
    /// Where files the description names as submitter uploads are read from.
    public var uploadDirectory: String?
    /// Files sent with the description (instead of an upload directory).
    public var uploads: [UploadedFile]

    public init(text: [UInt8], dialect: XRSLDialect = .user, clientKey: String? = nil, owner: String? = nil,
                uploadDirectory: String? = nil, uploads: [UploadedFile] = []) {
        self.text = text
        self.dialect = dialect
        self.clientKey = clientKey
        self.owner = owner
        self.uploadDirectory = uploadDirectory
        self.uploads = uploads
    }
}
