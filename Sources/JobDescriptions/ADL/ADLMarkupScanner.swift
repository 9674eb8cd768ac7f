/// A pass over the raw bytes before the XML parser sees them.
///
/// It refuses document type declarations (the only way to declare entities, hence entity bombs
/// and external entities), refuses text whose declared encoding would make the parser misread
/// UTF-8, and finds the byte offset of every start tag, in document order, so that elements get
/// exact positions (libxml2 reports the column where the start tag ends, in characters).
struct ADLMarkupScanner {
    /// Offsets of the `<` of each start tag, in the order the parser reports the elements.
    private(set) var startTags: [Int] = []

    static func scan(_ bytes: [UInt8]) throws(ADLSyntaxError) -> ADLMarkupScanner {
        var scanner = ADLMarkupScanner()
        // libxml2 guesses UTF-16 or UCS-4 from NUL bytes at the start and crashes in the switch
        // (found by fuzzing): the reader takes UTF-8 only, checked here too, not just by its caller.
        if let nul = bytes.firstIndex(of: 0) {
            throw ADLSyntaxError(offset: nul, message: "NUL byte in the description")
        }
        if let invalid = UTF8Check.firstInvalidOffset(in: bytes) {
            throw ADLSyntaxError(offset: invalid, message: "the description is not valid UTF-8 here")
        }
        try checkEncodingDeclaration(bytes)
        try bytes.withUnsafeBufferPointer { (buffer) throws(ADLSyntaxError) in
            try scanner.scanMarkup(CheckedBytes(buffer))
        }
        return scanner
    }

    /// Each `<` found with `memchr`, what follows it compared in place: slices of the array made
    /// this pass cost as much as the XML parser's own.
    private mutating func scanMarkup(_ bytes: CheckedBytes) throws(ADLSyntaxError) {
        var index = 0
        while let open = bytes.firstIndex(of: Self.lessThan, from: index) {
            let next = open + 1
            if Self.matches(Self.commentOpen, bytes, at: next) {
                guard let end = Self.find(Self.commentClose, in: bytes, from: next + Self.commentOpen.count) else { return }
                index = end
            } else if Self.matches(Self.cdataOpen, bytes, at: next) {
                guard let end = Self.find(Self.cdataClose, in: bytes, from: next + Self.cdataOpen.count) else { return }
                index = end
            } else if next < bytes.count, bytes[next] == UInt8(ascii: "?") {
                // FoundationXML crashes on a processing instruction without data (`<?name?>`:
                // strlen of NULL, found by fuzzing); ADL needs none but the XML declaration.
                guard Self.isXMLDeclaration(bytes, at: open) else {
                    throw ADLSyntaxError(offset: open, message: "processing instructions are not allowed in an ADL description")
                }
                guard let end = Self.find(Self.piClose, in: bytes, from: next + 1) else { return }
                index = end
            } else if next < bytes.count, bytes[next] == UInt8(ascii: "!") {
                throw ADLSyntaxError(
                    offset: open,
                    message: "DTDs and entity declarations are refused: an ADL description needs neither")
            } else if next < bytes.count, bytes[next] == UInt8(ascii: "/") {
                index = next + 1
            } else {
                if next < bytes.count, Self.isNameStart(bytes[next]) { startTags.append(open) }
                index = next
            }
        }
    }

    private static let lessThan = UInt8(ascii: "<")
    private static let commentOpen = Array("!--".utf8)
    private static let commentClose = Array("-->".utf8)
    private static let cdataOpen = Array("![CDATA[".utf8)
    private static let cdataClose = Array("]]>".utf8)
    private static let piClose = Array("?>".utf8)

    /// The `<?xml …?>` declaration, which may only open the document (after a byte-order mark).
    private static func isXMLDeclaration(_ bytes: CheckedBytes, at offset: Int) -> Bool {
        let start = matches(byteOrderMark, bytes, at: 0) ? 3 : 0
        guard offset == start, matches(xmlDeclarationOpen, bytes, at: offset), offset + 5 < bytes.count else { return false }
        let after = bytes[offset + 5]
        return after == 0x20 || after == 0x09 || after == 0x0A || after == 0x0D
    }

    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
    private static let xmlDeclarationOpen = Array("<?xml".utf8)

    /// Whether `pattern` stands at `offset`.
    private static func matches(_ pattern: [UInt8], _ bytes: CheckedBytes, at offset: Int) -> Bool {
        guard offset >= 0, offset + pattern.count <= bytes.count else { return false }
        for index in pattern.indices where bytes[offset + index] != pattern[index] { return false }
        return true
    }

    /// A byte that can begin an element name (non-ASCII lead bytes included).
    private static func isNameStart(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte >= 0x80
    }

    /// The offset just after the first `pattern` at or after `start`.
    private static func find(_ pattern: [UInt8], in bytes: CheckedBytes, from start: Int) -> Int? {
        guard let first = pattern.first, start < bytes.count else { return nil }
        var index = start
        while let candidate = bytes.firstIndex(of: first, from: index) {
            if matches(pattern, bytes, at: candidate) { return candidate + pattern.count }
            index = candidate + 1
        }
        return nil
    }

    /// The XML declaration may name another encoding than UTF-8; the bytes were checked as UTF-8,
    /// so a parser that followed such a declaration would turn `é` into `Ã©`, and some converters
    /// (UTF-7) crash libxml2 outright (found by fuzzing). Only UTF-8, and ASCII for pure ASCII text,
    /// are accepted.
    private static func checkEncodingDeclaration(_ bytes: [UInt8]) throws(ADLSyntaxError) {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard bytes[start...].starts(with: Array("<?xml".utf8)) else { return }
        // Up to the first '>', not '?>': libxml2 acts on an encoding even in a malformed declaration.
        let end = bytes[start...].firstIndex(of: UInt8(ascii: ">")) ?? bytes.count
        let declaration = String(decoding: bytes[start..<end], as: UTF8.self)
        guard let key = declaration.range(of: "encoding") else { return }
        let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else {
            throw ADLSyntaxError(offset: start, message: "the XML declaration's encoding is malformed: write encoding=\"UTF-8\"")
        }
        let name = rest.dropFirst().prefix { $0 != quote }
        let encoding = name.lowercased()
        let pureASCII = !bytes.contains(where: { $0 >= 0x80 })
        guard encoding != "utf-8", encoding != "utf8", !(pureASCII && (encoding == "us-ascii" || encoding == "ascii")) else {
            return
        }
        throw ADLSyntaxError(
            offset: start,
            message: "the XML declaration names encoding '\(name)', but ADL descriptions are read as UTF-8: declare encoding=\"UTF-8\" or leave it out")
    }
}
