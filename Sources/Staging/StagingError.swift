/// Why a file could not be staged, with everything a user needs to act on it: which file, which
/// URL or path, how many attempts were made and what went wrong.
///
/// The description is the message for the job's failure reason, e.g.
/// `input 'data.bin' from http://host/data.bin: checksum mismatch, sha256 expected …, got …`.
/// Branch on `kind` (and `isTransient`, `httpStatus`), never on the text.
public struct StagingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The category of failure. A struct rather than a public enum so kinds can be added without
    /// breaking callers' switches.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        fileprivate enum Base: String, Sendable, Hashable {
            case notFound, httpStatus, checksumMismatch, tooLarge, diskFull, notAllowed, invalidName,
                network, timeout, localFileMissing, tooManyRedirects, localIO, cancelled
        }

        fileprivate let base: Base

        /// The server answered 404 or 410.
        public static let notFound = Kind(base: .notFound)
        /// Any other unsuccessful HTTP status; see `httpStatus`.
        public static let httpStatus = Kind(base: .httpStatus)
        /// The bytes did not match the expected checksum.
        public static let checksumMismatch = Kind(base: .checksumMismatch)
        /// Larger than the per-file or site cap.
        public static let tooLarge = Kind(base: .tooLarge)
        /// No space, quota exceeded or file size limit (ENOSPC, EDQUOT, EFBIG).
        public static let diskFull = Kind(base: .diskFull)
        /// Refused by policy: a path outside the allowed roots, a symlink escape, an unsupported scheme.
        public static let notAllowed = Kind(base: .notAllowed)
        /// The file name is absolute, climbs with `..`, or repeats another's.
        public static let invalidName = Kind(base: .invalidName)
        /// Connection refused or reset, TLS failure, truncated body.
        public static let network = Kind(base: .network)
        /// Connect, request or idle-read timeout.
        public static let timeout = Kind(base: .timeout)
        /// A local source (input path, upload or output in the session directory) does not exist.
        public static let localFileMissing = Kind(base: .localFileMissing)
        /// More redirects than `StagingConfiguration.maxRedirects`.
        public static let tooManyRedirects = Kind(base: .tooManyRedirects)
        /// Any other local filesystem failure (permissions, missing target directory, …).
        public static let localIO = Kind(base: .localIO)
        /// The staging task was cancelled (the job was killed).
        public static let cancelled = Kind(base: .cancelled)

        public var description: String { base.rawValue }
    }

    /// What went wrong, with the details each case needs for its message.
    enum Code: Sendable, Hashable {
        case notFound(status: Int)
        case httpStatus(Int)
        case checksumMismatch(algorithm: ChecksumAlgorithm, expected: String, actual: String)
        case tooLarge(limit: Int64)
        case diskFull(String)
        case notAllowed(String)
        case invalidName(String)
        case network(String)
        case timeout(String)
        case localFileMissing(path: String)
        case tooManyRedirects(limit: Int)
        case localIO(String)
        case cancelled

        var kind: Kind {
            switch self {
            case .notFound: .notFound
            case .httpStatus: .httpStatus
            case .checksumMismatch: .checksumMismatch
            case .tooLarge: .tooLarge
            case .diskFull: .diskFull
            case .notAllowed: .notAllowed
            case .invalidName: .invalidName
            case .network: .network
            case .timeout: .timeout
            case .localFileMissing: .localFileMissing
            case .tooManyRedirects: .tooManyRedirects
            case .localIO: .localIO
            case .cancelled: .cancelled
            }
        }

        /// Whether trying again later may succeed: network trouble, timeouts, 408, 429 and 5xx
        /// (except 501 and 505, which say the server will never do this).
        var isTransient: Bool {
            switch self {
            case .network, .timeout: true
            case .httpStatus(let status): status == 408 || status == 429 || ((500...599).contains(status) && status != 501 && status != 505)
            default: false
            }
        }

        var message: String {
            switch self {
            case .notFound(let status): "not found (HTTP \(status))"
            case .httpStatus(let status): "the server answered HTTP \(status)"
            case .checksumMismatch(let algorithm, let expected, let actual):
                "checksum mismatch, \(algorithm) expected \(expected), got \(actual)"
            case .tooLarge(let limit): "larger than the limit of \(limit) bytes"
            case .diskFull(let detail): "no space left for the file (\(detail))"
            case .notAllowed(let reason): "not allowed: \(reason)"
            case .invalidName(let reason): "invalid file name: \(reason)"
            case .network(let detail): "network error: \(detail)"
            case .timeout(let detail): "timed out: \(detail)"
            case .localFileMissing(let path): "'\(path)' does not exist"
            case .tooManyRedirects(let limit): "more than \(limit) redirects"
            case .localIO(let detail): detail
            case .cancelled: "cancelled"
            }
        }
    }

    let code: Code
    /// Whether the file was coming in or going out.
    public let direction: StagingDirection
    /// The file's name in the session directory.
    public let fileName: String
    /// The URL or path the file came from (input) or was going to (output); nil for `.keep`.
    public let location: String?
    /// Attempts made before giving up; 0 when the request was refused before any transfer.
    public let attempts: Int

    init(_ code: Code, direction: StagingDirection, fileName: String, location: String?, attempts: Int) {
        self.code = code
        self.direction = direction
        self.fileName = fileName
        self.location = location
        self.attempts = attempts
    }

    /// What kind of failure this is, for callers that react differently to, say, a full disk.
    public var kind: Kind { code.kind }

    /// True when the failure may go away if the job is staged again later (the retries within
    /// this attempt were used up); false when it will not (404, checksum mismatch, policy).
    public var isTransient: Bool { code.isTransient }

    /// The HTTP status the server answered, when that was the failure.
    public var httpStatus: Int? {
        switch code {
        case .notFound(let status), .httpStatus(let status): status
        default: nil
        }
    }

    /// The reason alone, without the file and location (for places that show those separately).
    public var reason: String { code.message }

    public var description: String {
        var text = "\(direction) '\(fileName)'"
        if let location {
            text += (direction == .input ? " from " : " to ") + location
        }
        text += ": " + code.message
        if attempts > 1 {
            text += " (after \(attempts) attempts)"
        }
        return text
    }
}
