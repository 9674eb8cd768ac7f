#if canImport(FoundationEssentials)
import struct FoundationEssentials.URL
#else
import struct Foundation.URL
#endif

/// Where an output file goes when the job has ended.
public enum OutputTarget: Sendable, Hashable, CustomStringConvertible {
    /// Stays in the session directory for the submitter to fetch; staging only checks it exists.
    case keep
    /// Copied to an absolute local path whose directory must resolve under
    /// `StagingConfiguration.allowedFileRoots`.
    case file(path: String)
    /// Uploaded with PUT to an `http` or `https` URL.
    case http(URL)

    public var description: String {
        switch self {
        case .keep: "the session directory"
        case .file(let path): "file://" + path
        case .http(let url): url.absoluteString
        }
    }
}
