/// An expected (or computed) checksum: an algorithm and its value as lowercase hex.
///
/// The value is normalised on creation (lowercase; adler32 left-padded to 8 digits, because some
/// catalogues drop leading zeros) so two checksums compare equal exactly when the files match.
public struct Checksum: Sendable, Hashable, CustomStringConvertible {
    public let algorithm: ChecksumAlgorithm
    /// Lowercase hex, exactly `algorithm.hexLength` digits.
    public let hexValue: String

    /// Returns nil when `hexValue` is not hex of the algorithm's length, so a malformed checksum in a
    /// job description is refused when the job is accepted, not after a download.
    public init?(algorithm: ChecksumAlgorithm, hexValue: String) {
        var value = hexValue.lowercased()
        guard !value.isEmpty, value.utf8.allSatisfy(Self.isHexDigit) else { return nil }
        if algorithm == .adler32, value.utf8.count < algorithm.hexLength {
            value = String(repeating: "0", count: algorithm.hexLength - value.utf8.count) + value
        }
        guard value.utf8.count == algorithm.hexLength else { return nil }
        self.algorithm = algorithm
        self.hexValue = value
    }

    /// Reads the `algorithm:hexvalue` form job descriptions use (`sha256:9f86d0…`); the algorithm
    /// name is case-insensitive. Returns nil for anything else.
    public init?(parsing text: String) {
        guard let colon = text.firstIndex(of: ":"),
            let algorithm = ChecksumAlgorithm(rawValue: text[..<colon].lowercased())
        else { return nil }
        self.init(algorithm: algorithm, hexValue: String(text[text.index(after: colon)...]))
    }

    /// `algorithm:hexvalue`, the form `init(parsing:)` reads.
    public var description: String { "\(algorithm):\(hexValue)" }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}
