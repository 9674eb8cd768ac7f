/// The languages arkd reads, detected from the content rather than the file name, because A-REX and
/// the HTTP API hand over bare text.
public enum DescriptionLanguage: String, Sendable, Hashable, Codable, CaseIterable {
    case xrsl
    case adl
    case grami

    /// Looks at the first meaningful bytes: `<` is XML (ADL), a `joboption_` assignment is GRAMI,
    /// anything else is xRSL.
    public static func detect(_ bytes: [UInt8]) -> DescriptionLanguage {
        var index = hasByteOrderMark(bytes) ? 3 : 0
        while index < bytes.count, bytes[index] == 0x20 || (0x09...0x0D).contains(bytes[index]) { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: "<") { return .adl }
        var lineStart = index
        while lineStart < bytes.count {
            if startsWithJobOption(bytes, at: lineStart) { return .grami }
            if bytes[lineStart] != UInt8(ascii: "#") { return .xrsl }
            guard let newline = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) else { return .xrsl }
            lineStart = newline + 1
            while lineStart < bytes.count, bytes[lineStart] == 0x20 || (0x09...0x0D).contains(bytes[lineStart]) {
                lineStart += 1
            }
        }
        return .xrsl
    }

    /// The UTF-8 byte-order mark at the start (compared byte by byte: an array literal to compare
    /// with is allocated on every call).
    static func hasByteOrderMark(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    /// `joboption_` at `offset`.
    private static func startsWithJobOption(_ bytes: [UInt8], at offset: Int) -> Bool {
        let prefix: StaticString = "joboption_"
        guard bytes.count - offset >= prefix.utf8CodeUnitCount else { return false }
        for index in 0..<prefix.utf8CodeUnitCount where bytes[offset + index] != prefix.utf8Start[index] { return false }
        return true
    }
}
