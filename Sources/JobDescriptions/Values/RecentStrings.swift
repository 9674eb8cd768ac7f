#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The last few strings made from one text, so that text a job repeats (the same storage host in
/// every URL) becomes one shared string instead of one allocation each.
///
/// Every call must pass the same buffer: a string is found again by comparing the bytes it was
/// made from with the new ones, without reading the string. Only strings too long to be stored
/// inline (more than 15 bytes) are remembered; shorter ones cost no allocation anyway.
struct RecentStrings {
    private var ranges: (Range<Int>, Range<Int>, Range<Int>, Range<Int>) = (0..<0, 0..<0, 0..<0, 0..<0)
    private var strings: (String, String, String, String) = ("", "", "", "")
    private var next = 0
    private static let inlineLimit = 15

    /// A string of the UTF-8 text `bytes[range]`, equal to `PlainText.string(bytes, range)`.
    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        guard range.count > Self.inlineLimit, let base = bytes.baseAddress else { return PlainText.string(bytes, range) }
        let slot = Self.slot(of: range, among: ranges, base)
        switch slot {
        case 0: return strings.0
        case 1: return strings.1
        case 2: return strings.2
        case 3: return strings.3
        default: break
        }
        let made = PlainText.string(bytes, range)
        switch next {
        case 0: (ranges.0, strings.0) = (range, made)
        case 1: (ranges.1, strings.1) = (range, made)
        case 2: (ranges.2, strings.2) = (range, made)
        default: (ranges.3, strings.3) = (range, made)
        }
        next = (next + 1) & 3
        return made
    }

    /// The slot whose text has the bytes of `range` (all within one buffer at `base`), or -1.
    private static func slot(of range: Range<Int>, among ranges: (Range<Int>, Range<Int>, Range<Int>, Range<Int>),
                             _ base: UnsafePointer<UInt8>) -> Int {
        func same(_ other: Range<Int>) -> Bool {
            other.count == range.count && memcmp(base + other.lowerBound, base + range.lowerBound, range.count) == 0
        }
        if same(ranges.0) { return 0 }
        if same(ranges.1) { return 1 }
        if same(ranges.2) { return 2 }
        if same(ranges.3) { return 3 }
        return -1
    }
}
