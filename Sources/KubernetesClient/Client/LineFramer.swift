/// Splits a byte stream into newline-terminated lines, whatever the chunk boundaries: a watch event
/// may arrive in several chunks, or several in one, behind proxies and on HTTP/2.
struct LineFramer {
    private var buffer: [UInt8] = []
    private var scanned = 0

    mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// The next complete line without its newline (and without a trailing `\r`), if one is buffered.
    mutating func nextLine() -> [UInt8]? {
        guard let end = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) else {
            scanned = buffer.count
            return nil
        }
        var line = Array(buffer[..<end])
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        buffer.removeSubrange(...end)
        scanned = 0
        return line
    }

    /// What is left after the stream ended: a last line without a newline, or nil when only
    /// whitespace remains.
    mutating func remainder() -> [UInt8]? {
        defer {
            buffer = []
            scanned = 0
        }
        let isBlank = buffer.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\t") }
        return isBlank ? nil : buffer
    }
}
