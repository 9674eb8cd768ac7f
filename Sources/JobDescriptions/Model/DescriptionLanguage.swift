/// The languages arkd reads, detected from the content rather than the file name, because A-REX and
/// the HTTP API hand over bare text.
public enum DescriptionLanguage: String, Sendable, Hashable, Codable, CaseIterable {
    case xrsl
    case adl
    case grami

    /// Looks at the first meaningful bytes: `<` is XML (ADL), a `joboption_` assignment is GRAMI,
    /// anything else is xRSL.
    public static func detect(_ bytes: [UInt8]) -> DescriptionLanguage {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count, bytes[index] == 0x20 || (0x09...0x0D).contains(bytes[index]) { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: "<") { return .adl }
        var lineStart = index
        while lineStart < bytes.count {
            if bytes[lineStart...].starts(with: Array("joboption_".utf8)) { return .grami }
            if bytes[lineStart] != UInt8(ascii: "#") { return .xrsl }
            guard let newline = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) else { return .xrsl }
            lineStart = newline + 1
            while lineStart < bytes.count, bytes[lineStart] == 0x20 || (0x09...0x0D).contains(bytes[lineStart]) {
                lineStart += 1
            }
        }
        return .xrsl
    }
}
