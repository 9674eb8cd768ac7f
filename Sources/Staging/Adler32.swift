/// Adler-32 (RFC 1950), the checksum dCache and EOS store for every file, so grid job descriptions
/// often give it. swift-crypto has no Adler-32; this is the textbook algorithm with zlib's
/// deferred-modulo trick (reduce every 5552 bytes, the most that cannot overflow 32 bits).
struct Adler32: Sendable {
    private static let modulus: UInt32 = 65_521
    private static let blockLength = 5_552

    private var low: UInt32 = 1
    private var high: UInt32 = 0

    init() {}

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var start = 0
        while start < bytes.count {
            let end = min(start + Self.blockLength, bytes.count)
            for index in start..<end {
                low &+= UInt32(bytes[index])
                high &+= low
            }
            low %= Self.modulus
            high %= Self.modulus
            start = end
        }
    }

    var value: UInt32 { high << 16 | low }
}
