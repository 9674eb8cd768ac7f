/// A remote file location in ARC's URL flavour: `scheme://[replica|replica@][user@]host[:port][;opt=val…]/path`.
///
/// ARC puts transfer options between the host and the path and lets index services (`lfc`, `rls`)
/// carry replica locations before an `@`. Foundation's URL cannot hold either, so arkd keeps the
/// parts and renders them the way ARC prints them.
public struct DataLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var scheme: String
    public var userInfo: String?
    public var host: String
    public var port: Int?
    /// From the first `/` after the host on, verbatim (query and ARC metadata included).
    public var path: String
    /// Transfer options (`cache=no`, `threads=4`, `checksum=md5` …), printed sorted by name.
    public var options: [String: String]
    /// Replica locations of an index URL.
    public var replicas: [DataLocation]
    /// The delegated credential to use for this transfer, when the description names one.
    public var delegationID: String?

    public init(scheme: String, userInfo: String? = nil, host: String, port: Int? = nil, path: String,
                options: [String: String] = [:], replicas: [DataLocation] = [], delegationID: String? = nil) {
        self.scheme = scheme
        self.userInfo = userInfo
        self.host = host
        self.port = port
        self.path = path
        self.options = options
        self.replicas = replicas
        self.delegationID = delegationID
    }

    /// The ports ARC writes out when it prints an index URL with replicas.
    static let defaultPorts: [String: Int] = [
        "http": 80, "https": 443, "httpg": 8443, "ftp": 21, "gsiftp": 2811, "ldap": 389, "lfc": 5010,
        "rls": 39281, "root": 1094,
    ]

    /// An empty location for a reader to parse into; making it allocates nothing.
    static var unread: DataLocation { DataLocation(scheme: "", host: "", path: "") }

    /// Schemes whose URLs may name replicas before an `@`.
    static let indexSchemes: Set<String> = ["lfc", "rls"]

    public var description: String { rendered(explicitDefaultPort: !replicas.isEmpty) }

    /// ARC's printed form. Index URLs with replicas are printed as ARC prints them, default ports
    /// written out, because that form cannot be normalised back.
    func rendered(explicitDefaultPort: Bool) -> String {
        var text = scheme + "://"
        if !replicas.isEmpty {
            text += replicas.map { $0.rendered(explicitDefaultPort: true) }.joined(separator: "|") + "@"
        }
        if let userInfo { text += userInfo + "@" }
        text += host
        if let port = port ?? (explicitDefaultPort ? Self.defaultPorts[scheme] : nil) {
            text += ":\(port)"
        }
        for name in options.keys.sorted() {
            text += ";" + name + "=" + (options[name] ?? "")
        }
        return text + path
    }

    /// True when the URL carries a password, which must never sit in a job description.
    public var hasPassword: Bool { userInfo?.contains(":") ?? false }
}

/// Why a piece of text is not a location arkd can use.
public struct DataLocationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
}

extension DataLocation {
    /// Reads ARC's URL flavour. Only remote URLs (`scheme://…`) are accepted; local paths and
    /// `file:` URLs are the caller's business (see `LocationText`).
    public init(parsing text: String) throws(DataLocationError) {
        let plain: Result<DataLocation, DataLocationError>? = PlainText.withBytes(text) { bytes in
            guard PlainText.isPlain(bytes) else { return nil }
            return Result { () throws(DataLocationError) in try DataLocation(plain: bytes, 0..<bytes.count, text: text) }
        }
        switch plain {
        case .success(let location)?: self = location
        case .failure(let error)?: throw error
        case nil: try self.init(parsingUnicode: text)
        }
    }

    /// The byte-wise reading of plain text (ASCII without CR, see `PlainText`): the same steps as
    /// `init(parsingUnicode:)`, on byte offsets instead of `Character`s. `text` is the string of
    /// `bytes[range]` when the caller has it; error messages need it.
    init(plain bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, text knownText: String? = nil) throws(DataLocationError) {
        self = .unread
        var strings = RecentStrings()
        try read(plain: bytes, range, text: knownText, strings: &strings)
    }

    /// `init(plain:_:text:)` into this location, replacing every field. Readers that keep the
    /// location in a variable of their own use it: a location made by an initializer is copied
    /// on its way out (a retain and a release for each string), which Swift 6.3 does not avoid.
    /// `strings` shares the host among the locations of one reader; `schemeSeparator` is the
    /// offset of the first `://` when the caller has found it already.
    mutating func read(plain bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, text knownText: String? = nil,
                       strings: inout RecentStrings, schemeSeparator: Int? = nil) throws(DataLocationError) {
        func text() -> String { knownText ?? PlainText.string(bytes, range) }
        guard let separator = schemeSeparator ?? PlainText.schemeSeparator(in: bytes, range) else {
            throw DataLocationError(description: "'\(text())' is not a URL: expected scheme://host/path")
        }
        let schemeRange = range.lowerBound..<separator
        guard Self.isValidPlainScheme(bytes, schemeRange) else {
            throw DataLocationError(description: "'\(text())' has no valid URL scheme before '://'")
        }
        var restStart = separator + 3
        let end = range.upperBound
        var replicas: [DataLocation] = []
        if Self.isIndexScheme(bytes, schemeRange),
           let lastNested = PlainText.schemeSeparator(in: bytes, restStart..<end, backwards: true),
           let at = PlainText.firstIndex(of: UInt8(ascii: "@"), in: bytes, (lastNested + 3)..<end) {
            var pieceStart = restStart
            while true {
                let pieceEnd = PlainText.firstIndex(of: UInt8(ascii: "|"), in: bytes, pieceStart..<at) ?? at
                replicas.append(try DataLocation(plain: bytes, pieceStart..<pieceEnd))
                guard pieceEnd < at else { break }
                pieceStart = pieceEnd + 1
            }
            restStart = at + 1
        }
        // One pass over the authority (up to the first `/`): the first `;` ends the host part;
        // before it, the last `@` ends the user information and the last `:` after that starts
        // the port.
        var authorityEnd = end
        var semicolon: Int?
        var lastAt: Int?
        var lastColon: Int?
        var index = restStart
        while index < end {
            switch bytes[index] {
            case UInt8(ascii: "/"):
                authorityEnd = index
                index = end
                continue
            case UInt8(ascii: ";"):
                if semicolon == nil { semicolon = index }
            case UInt8(ascii: "@"):
                if semicolon == nil {
                    lastAt = index
                    lastColon = nil
                }
            case UInt8(ascii: ":"):
                if semicolon == nil { lastColon = index }
            default:
                break
            }
            index += 1
        }
        let hostEnd = semicolon ?? authorityEnd
        var hostStart = restStart
        if let lastAt { hostStart = lastAt + 1 }
        // splitHostPort
        var nameEnd = hostEnd
        if hostStart < hostEnd, bytes[hostStart] == UInt8(ascii: "[") {
            guard let close = PlainText.firstIndex(of: UInt8(ascii: "]"), in: bytes, hostStart..<hostEnd) else {
                throw DataLocationError(description: "'\(text())' has an unterminated IPv6 address")
            }
            nameEnd = close + 1
        } else if let lastColon {
            nameEnd = lastColon
        }
        var port: Int?
        if nameEnd < hostEnd {
            let portRange = (nameEnd + 1)..<hostEnd
            guard let value = PlainText.integer(bytes, portRange), (0...65535).contains(value) else {
                throw DataLocationError(description: "'\(text())' has an invalid port '\(PlainText.string(bytes, portRange))'")
            }
            port = value
        }
        // Every check is done: the fields are made only now, so that no error path releases them.
        scheme = PlainText.schemeString(bytes, schemeRange)
        userInfo = lastAt.map { PlainText.string(bytes, restStart..<$0) }
        host = strings.string(bytes, hostStart..<nameEnd)
        self.port = port
        path = PlainText.string(bytes, authorityEnd..<end)
        options = semicolon.map { Self.plainOptions(bytes, ($0 + 1)..<authorityEnd) } ?? [:]
        self.replicas = replicas
        delegationID = nil
    }

    /// The `;name=value` options of a plain URL, from after the first `;` to the end of the
    /// authority; a later option replaces an earlier one of the same name.
    private static func plainOptions(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [String: String] {
        var options: [String: String] = [:]
        var optionStart = range.lowerBound
        while optionStart <= range.upperBound {
            let optionEnd = PlainText.firstIndex(of: UInt8(ascii: ";"), in: bytes, optionStart..<range.upperBound) ?? range.upperBound
            if optionEnd > optionStart {
                if let equals = PlainText.firstIndex(of: UInt8(ascii: "="), in: bytes, optionStart..<optionEnd) {
                    options[PlainText.string(bytes, optionStart..<equals)] = PlainText.string(bytes, (equals + 1)..<optionEnd)
                } else {
                    options[PlainText.string(bytes, optionStart..<optionEnd)] = ""
                }
            }
            optionStart = optionEnd + 1
        }
        return options
    }

    /// `lfc` or `rls` in any case.
    private static func isIndexScheme(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count == 3 else { return false }
        let first = PlainText.lowercased(bytes[range.lowerBound])
        let second = PlainText.lowercased(bytes[range.lowerBound + 1])
        let third = PlainText.lowercased(bytes[range.lowerBound + 2])
        return (first, second, third) == (UInt8(ascii: "l"), UInt8(ascii: "f"), UInt8(ascii: "c"))
            || (first, second, third) == (UInt8(ascii: "r"), UInt8(ascii: "l"), UInt8(ascii: "s"))
    }

    /// `isValidScheme` for ASCII: a letter, then letters, digits, `+`, `.` and `-`.
    private static func isValidPlainScheme(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard !range.isEmpty, PlainText.isLetter(bytes[range.lowerBound]) else { return false }
        for index in range {
            let byte = bytes[index]
            guard PlainText.isLetter(byte) || byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
            else { return false }
        }
        return true
    }

    /// The reading of text with multi-byte characters or CR, `Character` by `Character`.
    private init(parsingUnicode text: String) throws(DataLocationError) {
        guard let separator = text.range(of: "://") else {
            throw DataLocationError(description: "'\(text)' is not a URL: expected scheme://host/path")
        }
        let scheme = String(text[..<separator.lowerBound])
        guard Self.isValidScheme(scheme) else {
            throw DataLocationError(description: "'\(text)' has no valid URL scheme before '://'")
        }
        self.scheme = scheme.lowercased()
        var rest = Substring(text[separator.upperBound...])
        var replicas: [DataLocation] = []
        if Self.indexSchemes.contains(self.scheme), let lastNested = rest.range(of: "://", options: .backwards),
           let at = rest[lastNested.upperBound...].firstIndex(of: "@") {
            for replica in rest[..<at].split(separator: "|", omittingEmptySubsequences: false) {
                replicas.append(try DataLocation(parsing: String(replica)))
            }
            rest = rest[rest.index(after: at)...]
        }
        self.replicas = replicas
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        self.path = String(rest[authorityEnd...])
        var authority = rest[..<authorityEnd]
        var options: [String: String] = [:]
        if let semicolon = authority.firstIndex(of: ";") {
            for option in authority[authority.index(after: semicolon)...].split(separator: ";") {
                let parts = option.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                options[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
            }
            authority = authority[..<semicolon]
        }
        self.options = options
        if let at = authority.lastIndex(of: "@") {
            self.userInfo = String(authority[..<at])
            authority = authority[authority.index(after: at)...]
        } else {
            self.userInfo = nil
        }
        let (host, port) = try Self.splitHostPort(authority, in: text)
        self.host = host
        self.port = port
        self.delegationID = nil
    }

    private static func isValidScheme(_ scheme: String) -> Bool {
        guard let first = scheme.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else {
            return false
        }
        return scheme.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "+.-".unicodeScalars.contains(scalar))
        }
    }

    private static func splitHostPort(_ authority: Substring, in text: String) throws(DataLocationError) -> (String, Int?) {
        var hostEnd = authority.endIndex
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw DataLocationError(description: "'\(text)' has an unterminated IPv6 address")
            }
            hostEnd = authority.index(after: close)
        } else if let colon = authority.lastIndex(of: ":") {
            hostEnd = colon
        }
        let host = String(authority[..<hostEnd])
        let portText = authority[hostEnd...].dropFirst()
        guard hostEnd < authority.endIndex else { return (host, nil) }
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw DataLocationError(description: "'\(text)' has an invalid port '\(portText)'")
        }
        return (host, port)
    }
}
