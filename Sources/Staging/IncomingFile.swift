import NIOCore

/// The bytes of one input as they arrive: counted against the size cap, hashed, written to the
/// partial file and reported, chunk by chunk, so no file is ever held in memory.
struct IncomingFile {
    let file: PartialFile
    let limit: Int64?
    private var accumulator: ChecksumAccumulator?
    private let report: (Int64) -> Void
    private(set) var bytes: Int64 = 0

    init(file: PartialFile, limit: Int64?, checksum: ChecksumAlgorithm?, report: @escaping (Int64) -> Void) {
        self.file = file
        self.limit = limit
        self.accumulator = checksum.map(ChecksumAccumulator.init)
        self.report = report
    }

    mutating func append(_ buffer: ByteBuffer) async throws(TransferFailure) {
        bytes += Int64(buffer.readableBytes)
        if let limit, bytes > limit {
            throw TransferFailure(.tooLarge(limit: limit))
        }
        accumulator?.update(buffer)
        try await file.append(buffer)
        report(bytes)
    }

    /// Throws a mismatch naming both values when the bytes do not match `expected`.
    func verify(_ expected: Checksum?) throws(TransferFailure) {
        guard let expected, let actual = accumulator?.finalize() else { return }
        guard actual == expected else {
            throw TransferFailure(.checksumMismatch(algorithm: expected.algorithm, expected: expected.hexValue,
                                                   actual: actual.hexValue))
        }
    }
}
