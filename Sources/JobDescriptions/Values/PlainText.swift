/// Byte-level helpers for the fast paths of text handling.
///
/// Swift's `String` compares, searches and splits by `Character` (extended grapheme cluster) and
/// compares by canonical equivalence. For text that is ASCII without a carriage return, every byte is
/// a `Character` of its own and no two different texts are equivalent, so the byte-wise fast paths
/// give exactly the same results. Anything else (multi-byte UTF-8, or CR, which forms one
/// `Character` with a following LF) goes through the original `String` code.
enum PlainText {
    /// True when every byte is ASCII and none is a carriage return.
    static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return true }
        var index = 0
        let raw = UnsafeRawPointer(base)
        while index + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 || hasByte(word, 0x0D) { return false }
            index += 8
        }
        while index < count {
            let byte = bytes[index]
            if byte >= 0x80 || byte == 0x0D { return false }
            index += 1
        }
        return true
    }

    /// True when `text` is ASCII without a carriage return (see `isPlain(_:)`).
    static func isPlain(_ text: String) -> Bool {
        if let plain = text.utf8.withContiguousStorageIfAvailable({ isPlain($0) }) { return plain }
        var copy = text
        return copy.withUTF8 { isPlain($0) }
    }

    /// True when any of the eight bytes of `word` equals `byte`.
    @inline(__always)
    static func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
        let pattern = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        return (pattern &- 0x0101_0101_0101_0101) & ~pattern & 0x8080_8080_8080_8080 != 0
    }

    /// A word with the high bit set in exactly the bytes of `word` that equal `byte`.
    @inline(__always)
    static func byteMask(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let pattern = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        // High bit of each byte: set when its low seven bits are non-zero, or its own high bit is.
        let nonZero = ((pattern & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | pattern
        return ~nonZero & 0x8080_8080_8080_8080
    }

    /// A 64-bit hash of the bytes, eight at a time: equal for equal bytes, so different hashes
    /// mean different texts.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let count = bytes.count
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(count)
        guard let base = bytes.baseAddress else { return hash }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 <= count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0x0000_0100_0000_01B3
            hash ^= hash >> 29
            index += 8
        }
        var tail: UInt64 = 0
        while index < count {
            tail = tail << 8 | UInt64(bytes[index])
            index += 1
        }
        hash = (hash ^ tail) &* 0x0000_0100_0000_01B3
        return hash ^ (hash >> 29)
    }

    /// What the name checks need to know of a text, found in one pass over its bytes.
    struct Summary {
        /// `isPlain(bytes)`.
        var isPlain: Bool
        /// `hash(bytes)`.
        var hash: UInt64
        /// `contains("/", or: 0, in: bytes)`.
        var hasSlashOrNUL: Bool
    }

    /// `isPlain`, `hash` and `contains("/", or: 0, in:)` of `bytes`, eight bytes at a time.
    static func summary(_ bytes: UnsafeBufferPointer<UInt8>) -> Summary {
        let count = bytes.count
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(count)
        guard let base = bytes.baseAddress else { return Summary(isPlain: true, hash: hash, hasSlashOrNUL: false) }
        let raw = UnsafeRawPointer(base)
        var plain = true
        var slashOrNUL = false
        var index = 0
        while index + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 || hasByte(word, 0x0D) { plain = false }
            if hasByte(word, UInt8(ascii: "/")) || hasByte(word, 0) { slashOrNUL = true }
            hash = (hash ^ word) &* 0x0000_0100_0000_01B3
            hash ^= hash >> 29
            index += 8
        }
        var tail: UInt64 = 0
        while index < count {
            let byte = bytes[index]
            if byte >= 0x80 || byte == 0x0D { plain = false }
            if byte == UInt8(ascii: "/") || byte == 0 { slashOrNUL = true }
            tail = tail << 8 | UInt64(byte)
            index += 1
        }
        hash = (hash ^ tail) &* 0x0000_0100_0000_01B3
        return Summary(isPlain: plain, hash: hash ^ (hash >> 29), hasSlashOrNUL: slashOrNUL)
    }

    /// True when any byte of `bytes` is `first` or `second`, eight at a time.
    static func contains(_ first: UInt8, or second: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if hasByte(word, first) || hasByte(word, second) { return true }
            index += 8
        }
        while index < count {
            if bytes[index] == first || bytes[index] == second { return true }
            index += 1
        }
        return false
    }

    /// Calls `body` with the UTF-8 bytes of `text`, without copying when the string is native.
    @inline(__always)
    static func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = text
        return copy.withUTF8(body)
    }

    /// A string of `bytes[range]`; the range must lie within `bytes`.
    @inline(__always)
    static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// The first index of `byte` in `bytes[range]`.
    @inline(__always)
    static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var index = range.lowerBound
        while index < range.upperBound {
            if bytes[index] == byte { return index }
            index += 1
        }
        return nil
    }

    /// The last index of `byte` in `bytes[range]`.
    @inline(__always)
    static func lastIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var index = range.upperBound
        while index > range.lowerBound {
            index -= 1
            if bytes[index] == byte { return index }
        }
        return nil
    }

    /// The first (or, `backwards`, the last) start of `://` in `bytes[range]`.
    static func schemeSeparator(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, backwards: Bool = false) -> Int? {
        guard range.count >= 3 else { return nil }
        if backwards {
            var index = range.upperBound - 3
            while index >= range.lowerBound {
                if bytes[index] == UInt8(ascii: ":"), bytes[index + 1] == UInt8(ascii: "/"), bytes[index + 2] == UInt8(ascii: "/") {
                    return index
                }
                index -= 1
            }
            return nil
        }
        var index = range.lowerBound
        let last = range.upperBound - 3
        while index <= last {
            if bytes[index] == UInt8(ascii: ":"), bytes[index + 1] == UInt8(ascii: "/"), bytes[index + 2] == UInt8(ascii: "/") {
                return index
            }
            index += 1
        }
        return nil
    }

    /// `Int(text)` for ASCII digits: an optional sign, at least one digit, nothing else, no overflow.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var index = range.lowerBound
        guard index < range.upperBound else { return nil }
        var negative = false
        if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
            guard index < range.upperBound else { return nil }
        }
        var value = 0
        while index < range.upperBound {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (product, productOverflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, sumOverflow) = negative
                ? product.subtractingReportingOverflow(Int(digit))
                : product.addingReportingOverflow(Int(digit))
            guard !productOverflow, !sumOverflow else { return nil }
            value = sum
            index += 1
        }
        return value
    }

    @inline(__always)
    static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- UInt8(ascii: "a") < 26
    }

    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }

    /// `lowercasedString` for a URL scheme: the common ones are string literals, which cost
    /// nothing to make or to release.
    static func schemeString(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        var word: UInt64 = 0
        if range.count <= 8 {
            for index in range.reversed() { word = word << 8 | UInt64(lowercased(bytes[index])) }
        }
        switch (range.count, word) {
        case (6, 0x7074_6669_7367): return "gsiftp"
        case (5, 0x73_7074_7468): return "https"
        case (4, 0x7074_7468): return "http"
        case (3, 0x6D_7273): return "srm"
        case (4, 0x746F_6F72): return "root"
        case (5, 0x74_6F6F_7278): return "xroot"
        case (3, 0x70_7466): return "ftp"
        case (4, 0x7376_6164): return "davs"
        case (3, 0x76_6164): return "dav"
        case (3, 0x63_666C): return "lfc"
        case (3, 0x73_6C72): return "rls"
        case (5, 0x6F_6963_7572): return "rucio"
        case (5, 0x67_7074_7468): return "httpg"
        default: return lowercasedString(bytes, range)
        }
    }

    /// The ASCII lower-case form of `bytes[range]` (the same as `String.lowercased()` for ASCII).
    static func lowercasedString(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        var hasUpper = false
        for index in range where bytes[index] &- UInt8(ascii: "A") < 26 {
            hasUpper = true
            break
        }
        guard hasUpper else { return string(bytes, range) }
        return String(unsafeUninitializedCapacity: range.count) { buffer in
            var count = 0
            for index in range {
                buffer[count] = lowercased(bytes[index])
                count += 1
            }
            return count
        }
    }
}
