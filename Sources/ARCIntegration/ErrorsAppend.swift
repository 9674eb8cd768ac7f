import Foundation

/// The LRMS's output about a job (`<sessiondir>.comment`) copied into the job's `errors` control
/// file, which the user gets as `gmlog/errors`, between the marker lines ARC's backends use
/// (spec §3.3).
public enum ErrorsAppend {
    public static let startMarker = "------- Contents of output stream forwarded by the LRMS ---------"
    public static let endMarker = "------------------------- End of output -------------------------"

    /// The most of a `.comment` copied: the control directory is not the place for a job's bulk
    /// output.
    public static let maximumCommentSize = 256 * 1024

    /// The block for a comment, or nil when the comment is empty.
    public static func block(comment: [UInt8], truncated: Bool = false) -> [UInt8]? {
        guard !comment.isEmpty else { return nil }
        var block = Array((startMarker + "\n").utf8) + comment
        if block.last != UInt8(ascii: "\n") { block.append(UInt8(ascii: "\n")) }
        if truncated { block += Array("[... cut at \(maximumCommentSize) bytes]\n".utf8) }
        return block + Array((endMarker + "\n").utf8)
    }

    /// Reads the job's `.comment` as the job's user; nil when it is absent or empty.
    public static func readComment(at path: String, as user: UserIdentity?) throws -> (bytes: [UInt8], truncated: Bool)? {
        let bytes = try UserFileAccess.perform(as: user) {
            try PlainFile.contents(path, limit: maximumCommentSize + 1)
        }
        guard let bytes, !bytes.isEmpty else { return nil }
        return bytes.count > maximumCommentSize ? (Array(bytes.prefix(maximumCommentSize)), true) : (bytes, false)
    }

    /// Appends the block to the job's `errors` file. The control directory is local, so the scan's
    /// own identity writes it; `O_APPEND` keeps A-REX's own lines intact.
    public static func append(_ block: [UInt8], to path: String) throws {
        try PlainFile.append(block, to: path, create: 0o600)
    }
}
