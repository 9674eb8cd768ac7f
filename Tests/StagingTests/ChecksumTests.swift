import Testing

@testable import Staging

@Suite("checksums")
struct ChecksumTests {
    @Test("known vectors", arguments: [
        (ChecksumAlgorithm.adler32, "Wikipedia", "11e60398"),
        (.md5, "abc", "900150983cd24fb0d6963f7d28e17f72"),
        (.sha1, "abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        (.sha256, "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (.adler32, "", "00000001"),
    ])
    func vectors(algorithm: ChecksumAlgorithm, text: String, hex: String) {
        var accumulator = ChecksumAccumulator(algorithm)
        Array(text.utf8).withUnsafeBytes { accumulator.update($0) }
        #expect(accumulator.finalize() == Checksum(algorithm: algorithm, hexValue: hex))
    }

    @Test("Adler-32 over long input split at odd places matches the byte-at-a-time definition")
    func adlerLong() {
        let bytes = [UInt8](repeating: 0xff, count: 100_000) + TestServer.pseudoRandomBytes(count: 50_001, seed: 5)
        var adler = Adler32()
        var start = 0
        for length in [1, 5_551, 5_552, 5_553, 70_000] + [Int](repeating: 13_000, count: 10) where start < bytes.count {
            let end = min(bytes.count, start + length)
            bytes[start..<end].withUnsafeBytes { adler.update($0) }
            start = end
        }
        bytes[start...].withUnsafeBytes { adler.update($0) }
        #expect(adler.value == ExpectedChecksum.naiveAdler32(bytes))
    }

    @Test("parsing normalises case and adler32's dropped leading zeros")
    func parsing() {
        #expect(Checksum(parsing: "SHA256:" + String(repeating: "AB", count: 32))?.description
            == "sha256:" + String(repeating: "ab", count: 32))
        #expect(Checksum(parsing: "adler32:1e60398")?.hexValue == "01e60398")
        #expect(Checksum(parsing: "md5:900150983cd24fb0d6963f7d28e17f72")?.algorithm == .md5)
    }

    @Test("malformed checksums are refused",
          arguments: ["md5:xyz", "crc32:12345678", "sha1:", "sha256", "md5:900150983cd24fb0d6963f7d28e17f7", "adler32:123456789"])
    func malformed(text: String) {
        #expect(Checksum(parsing: text) == nil)
    }
}
