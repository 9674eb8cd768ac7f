/// What a source or target string in a description refers to: a path on the submitter's machine or
/// a remote URL.
enum LocationText: Sendable, Hashable {
    /// `""`, a relative or absolute path, or a `file:` URL (reduced to its path).
    case local(path: String)
    case remote(DataLocation)

    /// Classifies text as ARC does: `scheme://…` is remote, `file:` and plain paths are local, and
    /// anything else that looks like `scheme:` (`javascript:`, `data:`) is not a location at all.
    static func classify(_ text: String) throws(DataLocationError) -> LocationText {
        let plain: Result<LocationText, DataLocationError>? = PlainText.withBytes(text) { bytes in
            guard PlainText.isPlain(bytes) else { return nil }
            return Result { () throws(DataLocationError) in try classifyPlain(bytes, 0..<bytes.count, text: text) }
        }
        switch plain {
        case .success(let location)?: return location
        case .failure(let error)?: throw error
        case nil: return try classifyUnicode(text)
        }
    }

    /// `classify` for plain text (ASCII without CR, see `PlainText`), byte by byte.
    static func classifyPlain(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                              text knownText: String? = nil) throws(DataLocationError) -> LocationText {
        switch try plainKind(bytes, range, text: knownText) {
        case .local(let path):
            return .local(path: path == range ? knownText ?? PlainText.string(bytes, range) : PlainText.string(bytes, path))
        case .remote:
            return .remote(try DataLocation(plain: bytes, range, text: knownText))
        }
    }

    /// What plain text names, before a remote location is read.
    enum PlainKind: Equatable {
        /// The range of the submitter's path.
        case local(path: Range<Int>)
        /// A URL for `DataLocation.read(plain:_:text:strings:schemeSeparator:)`, with the offset
        /// of its first `://`.
        case remote(schemeSeparator: Int)
    }

    /// The first step of `classifyPlain`, apart so that a caller can read a remote location
    /// straight into a variable of its own (taking it out of a `LocationText` copies it).
    static func plainKind(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                          text knownText: String? = nil) throws(DataLocationError) -> PlainKind {
        let start = range.lowerBound
        let end = range.upperBound
        if end - start >= 5, bytes[start] == UInt8(ascii: "f"), bytes[start + 1] == UInt8(ascii: "i"),
           bytes[start + 2] == UInt8(ascii: "l"), bytes[start + 3] == UInt8(ascii: "e"), bytes[start + 4] == UInt8(ascii: ":") {
            var pathStart = start + 5
            if end - pathStart >= 2, bytes[pathStart] == UInt8(ascii: "/"), bytes[pathStart + 1] == UInt8(ascii: "/") {
                pathStart = PlainText.firstIndex(of: UInt8(ascii: "/"), in: bytes, (pathStart + 2)..<end) ?? end
            }
            return .local(path: pathStart..<end)
        }
        if let separator = PlainText.schemeSeparator(in: bytes, range) { return .remote(schemeSeparator: separator) }
        if let colon = PlainText.firstIndex(of: UInt8(ascii: ":"), in: bytes, range),
           PlainText.firstIndex(of: UInt8(ascii: "/"), in: bytes, start..<colon) == nil,
           PlainText.isLetter(bytes[start]) {
            let text = knownText ?? PlainText.string(bytes, range)
            throw DataLocationError(
                description: "'\(text)' is not a location arkd can use: expected scheme://host/path or a file name")
        }
        return .local(path: range)
    }

    /// `classify` for text with multi-byte characters or CR, `Character` by `Character`.
    private static func classifyUnicode(_ text: String) throws(DataLocationError) -> LocationText {
        if text.hasPrefix("file:") {
            var path = Substring(text.dropFirst("file:".count))
            if path.hasPrefix("//") {
                path = path.dropFirst(2)
                path = path.firstIndex(of: "/").map { path[$0...] } ?? ""
            }
            return .local(path: String(path))
        }
        if text.contains("://") {
            return .remote(try DataLocation(parsing: text))
        }
        if let colon = text.firstIndex(of: ":"), !text[..<colon].contains("/"),
           let first = text.unicodeScalars.first, first.properties.isAlphabetic {
            throw DataLocationError(
                description: "'\(text)' is not a location arkd can use: expected scheme://host/path or a file name")
        }
        return .local(path: text)
    }

    /// The canonical text of a submitter path: absolute paths as `file:` URLs, as ARC prints them.
    static func render(localPath path: String) -> String {
        path.hasPrefix("/") ? "file:" + path : path
    }
}
