import Crypto
import Foundation

/// The bearer tokens the daemon accepts, read from a file of lines
/// `<sha256-hex-of-token> <owner> <role>`. Only hashes are kept, so the file and a memory dump do
/// not give tokens away.
public struct TokenTable: Sendable {
    private let principals: [String: Principal]

    public init(principalsByHash: [String: Principal]) {
        principals = principalsByHash
    }

    /// Reads the token file; blank lines and lines starting with `#` are skipped.
    public static func load(file path: String) throws(TokenFileError) -> TokenTable {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TokenFileError(file: path, line: nil, message: "cannot read the token file")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path)
    }

    public static func parse(_ text: String, file: String) throws(TokenFileError) -> TokenTable {
        var principals: [String: Principal] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            func fail(_ message: String) -> TokenFileError {
                TokenFileError(file: file, line: index + 1, message: message)
            }
            guard fields.count == 3 else {
                throw fail("expected '<sha256-hex-of-token> <owner> <role>', found \(fields.count) field(s)")
            }
            let hash = fields[0].lowercased()
            guard hash.utf8.count == 64, hash.utf8.allSatisfy({ Self.hexDigits.contains($0) }) else {
                throw fail("'\(fields[0])' is not a SHA-256 hash in hex (64 hex digits)")
            }
            guard let role = Role(rawValue: fields[2]) else {
                throw fail("role '\(fields[2])' is not one of " + Role.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard principals[hash] == nil else { throw fail("this token hash is already listed") }
            principals[hash] = Principal(owner: fields[1], role: role)
        }
        return TokenTable(principalsByHash: principals)
    }

    /// The principal a presented token stands for, if any.
    public func principal(forToken token: String) -> Principal? {
        principals[Self.hash(token)]
    }

    /// The hex SHA-256 of a token, as the file lists it.
    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Array(token.utf8)).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }.joined()
    }

    private static let hexDigits = Set("0123456789abcdef".utf8)
}

/// A token file the daemon cannot use, with the line at fault.
public struct TokenFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): error: \(message)"
    }
}
