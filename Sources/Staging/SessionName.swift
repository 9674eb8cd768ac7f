/// A file name inside a session directory, checked to stay inside it.
///
/// The engine validates names when a job is accepted; this second check costs nothing and means a
/// bug elsewhere cannot make staging write to `/etc` or read `../../other-job`.
struct SessionName: Sendable, Hashable {
    /// Path components, none empty, `.` or `..`.
    let components: [String]

    init(_ text: String) throws(TransferFailure) {
        guard !text.isEmpty else { throw TransferFailure(.invalidName("the name is empty")) }
        guard !text.hasPrefix("/") else { throw TransferFailure(.invalidName("'\(text)' is absolute")) }
        guard !text.hasSuffix("/") else {
            throw TransferFailure(.invalidName("'\(text)' names a directory; only files are staged"))
        }
        guard !text.utf8.contains(0) else { throw TransferFailure(.invalidName("the name contains a NUL byte")) }
        let parts = text.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard !parts.contains("..") else {
            throw TransferFailure(.invalidName("'\(text)' climbs out of the session directory with '..'"))
        }
        let kept = parts.filter { $0 != "." }
        guard !kept.isEmpty else { throw TransferFailure(.invalidName("'\(text)' names no file")) }
        guard kept.allSatisfy({ $0.utf8.count <= 255 }) else {
            throw TransferFailure(.invalidName("a component of '\(text)' is longer than 255 bytes"))
        }
        components = kept
    }

    /// The last component: the file's own name.
    var fileName: String { components[components.count - 1] }

    /// Components of the directories leading to the file.
    var directoryComponents: ArraySlice<String> { components.dropLast() }

    /// The canonical relative path, to detect two requests naming one file.
    var relativePath: String { components.joined(separator: "/") }
}
