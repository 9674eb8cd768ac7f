import Crypto
import Staging

/// Checksums computed independently of the library (swift-crypto directly, and a byte-at-a-time
/// Adler-32), so a test of verification does not trust the code it tests.
enum ExpectedChecksum {
    static func of(_ bytes: [UInt8], _ algorithm: ChecksumAlgorithm) -> Checksum {
        let hex: String
        switch algorithm {
        case .adler32: hex = String(naiveAdler32(bytes), radix: 16)
        case .md5: hex = Insecure.MD5.hash(data: bytes).map { byteHex($0) }.joined()
        case .sha1: hex = Insecure.SHA1.hash(data: bytes).map { byteHex($0) }.joined()
        case .sha256: hex = SHA256.hash(data: bytes).map { byteHex($0) }.joined()
        }
        guard let checksum = Checksum(algorithm: algorithm, hexValue: hex) else {
            preconditionFailure("digests have the algorithm's length")
        }
        return checksum
    }

    static func naiveAdler32(_ bytes: [UInt8]) -> UInt32 {
        var low: UInt32 = 1
        var high: UInt32 = 0
        for byte in bytes {
            low = (low + UInt32(byte)) % 65_521
            high = (high + low) % 65_521
        }
        return high << 16 | low
    }

    private static func byteHex(_ byte: UInt8) -> String {
        byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
    }
}
