/// How far a transfer has come, for progress displays.
public struct TransferProgress: Sendable, Hashable {
    public var file: String
    public var bytes: Int64
    public var totalBytes: Int64?

    public init(file: String, bytes: Int64, totalBytes: Int64?) {
        self.file = file
        self.bytes = bytes
        self.totalBytes = totalBytes
    }
}
