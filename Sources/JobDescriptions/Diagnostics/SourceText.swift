import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of a description with its line starts, so that byte offsets kept while parsing become
/// line and column only when something is reported.
public struct SourceText: Sendable {
    public let bytes: [UInt8]
    /// Found on the first position asked for: a description without findings never needs them.
    let lines: LineTable
    /// Every byte is ASCII.
    let isASCII: Bool
    /// Every byte is ASCII and none is CR (see `PlainText`).
    let isPlain: Bool
    /// The first NUL byte.
    let firstNUL: Int?

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        lines = LineTable(bytes)
        var nonASCII = false
        var carriageReturn = false
        var nul: Int?
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            // NUL and CR are searched for with `memchr` (vectorised by the C library); the
            // high bits of all bytes are or-ed together, which the compiler vectorises too.
            if let found = memchr(base, 0, buffer.count) {
                nul = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
            }
            carriageReturn = memchr(base, 0x0D, buffer.count) != nil
            nonASCII = Self.hasHighBit(buffer)
        }
        isASCII = !nonASCII
        isPlain = !nonASCII && !carriageReturn
        firstNUL = nul
    }

    /// Whether any byte of `buffer` is 0x80 or above.
    private static func hasHighBit(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        let count = buffer.count
        var bits: UInt64 = 0
        var offset = 0
        // Four words per step, so that the loop's own work does not outweigh the loads.
        while offset + 32 <= count {
            bits |= raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                | raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)
                | raw.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self)
                | raw.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self)
            offset += 32
        }
        while offset + 8 <= count {
            bits |= raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            offset += 8
        }
        while offset < count {
            bits |= UInt64(buffer[offset])
            offset += 1
        }
        return bits & 0x8080_8080_8080_8080 != 0
    }

    public func position(of offset: Int) -> SourcePosition {
        lines.position(of: offset)
    }

    /// The text of a 1-based line without its line break, for showing a caret under a column.
    public func line(_ number: Int) -> String? {
        let lineStarts = lines.starts
        guard number >= 1, number <= lineStarts.count else { return nil }
        let start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }
}

/// Where the lines of a text start, computed once, on first use, by whichever thread asks first.
final class LineTable: Sendable {
    private let bytes: [UInt8]
    private let computed = Mutex<[Int]?>(nil)

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The offset of the first byte of each line; the first is 0.
    var starts: [Int] {
        computed.withLock { computed in
            if let computed { return computed }
            let starts = Self.lineStarts(of: bytes)
            computed = starts
            return starts
        }
    }

    func position(of offset: Int) -> SourcePosition {
        let lineStarts = starts
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return SourcePosition(line: low + 1, column: offset - lineStarts[low] + 1)
    }

    private static func lineStarts(of bytes: [UInt8]) -> [Int] {
        var starts = [0]
        starts.reserveCapacity(bytes.count / 40 + 4)
        bytes.withUnsafeBufferPointer { buffer in
            // Eight bytes at a time, line feeds found from a bit mask.
            let count = buffer.count
            var offset = 0
            if let base = buffer.baseAddress {
                let raw = UnsafeRawPointer(base)
                while offset + 8 <= count {
                    let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                    var lineFeeds = PlainText.byteMask(word, 0x0A)
                    while lineFeeds != 0 {
                        starts.append(offset + lineFeeds.trailingZeroBitCount / 8 + 1)
                        lineFeeds &= lineFeeds - 1
                    }
                    offset += 8
                }
            }
            while offset < count {
                if buffer[offset] == UInt8(ascii: "\n") { starts.append(offset + 1) }
                offset += 1
            }
        }
        return starts
    }
}
