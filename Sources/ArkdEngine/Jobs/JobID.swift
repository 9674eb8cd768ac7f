import Foundation

/// A job's identity in arkd: short, lower-case letters and digits, so it can be part of a pod name,
/// a directory name and a URL path without escaping.
public struct JobID: Sendable, Hashable, Codable, Comparable, CustomStringConvertible, RawRepresentable {
    public let rawValue: String

    public init?(rawValue: String) {
        guard !rawValue.isEmpty, rawValue.count <= 40,
              rawValue.unicodeScalars.allSatisfy({ Self.alphabet.unicodeScalars.contains($0) })
        else { return nil }
        self.rawValue = rawValue
    }

    /// Letters and digits without look-alikes (no 0/o, 1/l), as in Crockford's base32.
    static let alphabet = "abcdefghjkmnpqrstvwxyz23456789"

    /// A fresh identifier: 16 characters of the alphabet (about 78 bits), so collisions need not be
    /// coordinated between arkd instances.
    public static func random() -> JobID {
        var generator = SystemRandomNumberGenerator()
        let characters = Array(alphabet)
        let text = String((0..<16).map { _ in characters[Int(generator.next(upperBound: UInt(characters.count)))] })
        return JobID(uncheckedRawValue: text)
    }

    private init(uncheckedRawValue: String) {
        rawValue = uncheckedRawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: JobID, rhs: JobID) -> Bool { lhs.rawValue < rhs.rawValue }
}
