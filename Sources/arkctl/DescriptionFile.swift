import Foundation

/// Reads a job description file, refusing to load more than the parser would accept anyway.
enum DescriptionFile {
    /// At most `limit + 1` bytes, so an oversized file is refused by the parser without being loaded.
    static func read(_ path: String, limit: Int) throws -> [UInt8] {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        return Array(try handle.read(upToCount: limit + 1) ?? Data())
    }
}
