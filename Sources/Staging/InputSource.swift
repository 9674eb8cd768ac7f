#if canImport(FoundationEssentials)
import struct FoundationEssentials.URL
#else
import struct Foundation.URL
#endif

/// Where an input file comes from.
///
/// The three cases carry different trust: a URL is fetched from the network, a `file` path is on a
/// filesystem the site shares (and so is confined to configured roots), and an `upload` path is a
/// file the submitter handed to arkd, which the caller has already vouched for.
public enum InputSource: Sendable, Hashable, CustomStringConvertible {
    /// Downloaded with GET; `http` and `https` URLs only.
    case http(URL)
    /// Copied from a local (or site-mounted) path that must resolve under
    /// `StagingConfiguration.allowedFileRoots`, so a job cannot read arbitrary host files.
    case file(path: String)
    /// Copied from a local path the submitter uploaded (for example, beside the job description);
    /// no root check, because the caller chose the path, not the job.
    case upload(path: String)

    public var description: String {
        switch self {
        case .http(let url): url.absoluteString
        case .file(let path): "file://" + path
        case .upload(let path): path
        }
    }
}
