/// The bytes of a description with its line starts, so that byte offsets kept while parsing become
/// line and column only when something is reported.
public struct SourceText: Sendable {
    public let bytes: [UInt8]
    private let lineStarts: [Int]
    /// Every byte is ASCII.
    let isASCII: Bool
    /// Every byte is ASCII and none is CR (see `PlainText`).
    let isPlain: Bool
    /// The first NUL byte.
    let firstNUL: Int?

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        var nonASCII = false
        var carriageReturn = false
        var nul: Int?
        starts.reserveCapacity(bytes.count / 40 + 4)
        bytes.withUnsafeBufferPointer { buffer in
            // One pass, eight bytes at a time: line feeds are found from a bit mask; only words that
            // hold a NUL, CR or non-ASCII byte are looked at byte by byte.
            let count = buffer.count
            var offset = 0
            if let base = buffer.baseAddress {
                let raw = UnsafeRawPointer(base)
                while offset + 8 <= count {
                    let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 != 0 || PlainText.hasByte(word, 0) || PlainText.hasByte(word, 0x0D) {
                        for index in offset..<(offset + 8) {
                            switch buffer[index] {
                            case 0: if nul == nil { nul = index }
                            case UInt8(ascii: "\r"): carriageReturn = true
                            case 0x80...: nonASCII = true
                            default: break
                            }
                        }
                    }
                    var lineFeeds = PlainText.byteMask(word, 0x0A)
                    while lineFeeds != 0 {
                        starts.append(offset + lineFeeds.trailingZeroBitCount / 8 + 1)
                        lineFeeds &= lineFeeds - 1
                    }
                    offset += 8
                }
            }
            while offset < count {
                switch buffer[offset] {
                case UInt8(ascii: "\n"): starts.append(offset + 1)
                case 0: if nul == nil { nul = offset }
                case UInt8(ascii: "\r"): carriageReturn = true
                case 0x80...: nonASCII = true
                default: break
                }
                offset += 1
            }
        }
        lineStarts = starts
        isASCII = !nonASCII
        isPlain = !nonASCII && !carriageReturn
        firstNUL = nul
    }

    public func position(of offset: Int) -> SourcePosition {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return SourcePosition(line: low + 1, column: offset - lineStarts[low] + 1)
    }

    /// The text of a 1-based line without its line break, for showing a caret under a column.
    public func line(_ number: Int) -> String? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        let start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }
}
