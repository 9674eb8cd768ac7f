/// The checksum algorithms a job description may name for an input file.
///
/// These are the ones ARC's data staging understands and that grid storage publishes
/// (`adler32` for dCache and EOS, `md5` for most web servers, `sha1`/`sha256` for newer stores).
public enum ChecksumAlgorithm: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case adler32
    case md5
    case sha1
    case sha256

    /// How many hex digits a value of this algorithm has.
    public var hexLength: Int {
        switch self {
        case .adler32: 8
        case .md5: 32
        case .sha1: 40
        case .sha256: 64
        }
    }

    public var description: String { rawValue }
}
