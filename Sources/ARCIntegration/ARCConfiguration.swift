import Foundation

/// The parts of an `arc.conf` that arkd's backend commands read: a plain INI reader for the
/// `[custom:arkd]` block (spec §2). ARC's own validator skips `[custom:*]` blocks by design, so
/// site settings for arkd live there instead of in `[lrms]`, where A-REX would refuse to start.
///
/// A-REX passes its pre-processed runtime copy with `--config` (spec §3.1, pitfall 10); it is read
/// here without `arcconfig-parser`, which would cost a Python start per job. The format is the one
/// that parser accepts: `[block]` headers, `key = value` lines, whole-line `#` comments, values
/// optionally in double quotes. A key given twice in one block keeps its last value.
public struct ARCConfiguration: Sendable, Hashable {
    /// Every block's keys and values, by block name (`custom:arkd`).
    public private(set) var blocks: [String: [String: String]] = [:]

    /// The block that holds arkd's settings.
    public static let arkdBlock = "custom:arkd"

    public init(parsing text: String) {
        var block: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                let name = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                block = name
                if blocks[name] == nil { blocks[name] = [:] }
                continue
            }
            guard let block, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { continue }
            blocks[block, default: [:]][key] = Self.unquoted(line[line.index(after: equals)...]
                .trimmingCharacters(in: .whitespaces))
        }
    }

    /// Reads the file; a missing or unreadable file is an error, since A-REX named it.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ARCFileError(operation: "read the ARC configuration", path: path, code: errno == 0 ? ENOENT : errno)
        }
        self.init(parsing: String(decoding: data, as: UTF8.self))
    }

    /// A value, or nil when the block or the key is absent or the value is empty.
    public func value(_ key: String, in block: String) -> String? {
        guard let value = blocks[block]?[key], !value.isEmpty else { return nil }
        return value
    }

    /// How to reach arkd, from `[custom:arkd]` keys `server`, `tokenfile` and `cafile`.
    public var arkdConnection: ArkdConnectionSettings {
        ArkdConnectionSettings(server: value("server", in: Self.arkdBlock),
                               tokenFile: value("tokenfile", in: Self.arkdBlock),
                               caFile: value("cafile", in: Self.arkdBlock))
    }

    private static func unquoted(_ text: String) -> String {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return text }
        return String(text.dropFirst().dropLast())
    }
}

/// The daemon's address and credentials as a site configures them for A-REX's scripts; the
/// command line and the environment override each of them.
public struct ArkdConnectionSettings: Sendable, Hashable {
    /// A unix socket path or an https URL.
    public var server: String?
    public var tokenFile: String?
    public var caFile: String?

    public init(server: String? = nil, tokenFile: String? = nil, caFile: String? = nil) {
        self.server = server
        self.tokenFile = tokenFile
        self.caFile = caFile
    }
}
