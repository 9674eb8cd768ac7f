import Crypto
import NIOCore

/// Running state of one checksum over a file's bytes as they stream past, so a download is
/// verified without reading the file back.
struct ChecksumAccumulator {
    private enum State {
        case adler32(Adler32)
        case md5(Insecure.MD5)
        case sha1(Insecure.SHA1)
        case sha256(SHA256)
    }

    let algorithm: ChecksumAlgorithm
    private var state: State

    init(_ algorithm: ChecksumAlgorithm) {
        self.algorithm = algorithm
        switch algorithm {
        case .adler32: state = .adler32(Adler32())
        case .md5: state = .md5(Insecure.MD5())
        case .sha1: state = .sha1(Insecure.SHA1())
        case .sha256: state = .sha256(SHA256())
        }
    }

    mutating func update(_ buffer: ByteBuffer) {
        buffer.withUnsafeReadableBytes { update($0) }
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        switch state {
        case .adler32(var hash):
            hash.update(bytes)
            state = .adler32(hash)
        case .md5(var hash):
            hash.update(bufferPointer: bytes)
            state = .md5(hash)
        case .sha1(var hash):
            hash.update(bufferPointer: bytes)
            state = .sha1(hash)
        case .sha256(var hash):
            hash.update(bufferPointer: bytes)
            state = .sha256(hash)
        }
    }

    /// The checksum of everything passed to `update` so far.
    func finalize() -> Checksum {
        let hex: String
        switch state {
        case .adler32(let hash):
            let value = hash.value
            hex = Self.hex((0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) })
        case .md5(let hash): hex = Self.hex(Array(hash.finalize()))
        case .sha1(let hash): hex = Self.hex(Array(hash.finalize()))
        case .sha256(let hash): hex = Self.hex(Array(hash.finalize()))
        }
        guard let checksum = Checksum(algorithm: algorithm, hexValue: hex) else {
            preconditionFailure("a digest of \(algorithm) always has \(algorithm.hexLength) hex digits")
        }
        return checksum
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
