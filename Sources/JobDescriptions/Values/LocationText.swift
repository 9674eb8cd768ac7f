/// What a source or target string in a description refers to: a path on the submitter's machine or
/// a remote URL.
enum LocationText: Sendable, Hashable {
    /// `""`, a relative or absolute path, or a `file:` URL (reduced to its path).
    case local(path: String)
    case remote(DataLocation)

    /// Classifies text as ARC does: `scheme://…` is remote, `file:` and plain paths are local, and
    /// anything else that looks like `scheme:` (`javascript:`, `data:`) is not a location at all.
    static func classify(_ text: String) throws(DataLocationError) -> LocationText {
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
