import Foundation

import Glibc

/// Small-file primitives on plain system calls. The scan touches a handful of files for each of
/// thousands of jobs, and the writes done as the job's user must be synchronous system calls on
/// the calling thread (see `UserFileAccess`), so Foundation's file APIs are not used for them.
enum PlainFile {
    /// The whole file, or its first `limit` bytes; nil when it does not exist. Symbolic links are
    /// not followed: every file the backend reads is a plain file A-REX or the job made.
    static func contents(_ path: String, limit: Int = 1 << 20) throws(ARCFileError) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw ARCFileError(operation: "open", path: path, code: errno)
        }
        defer { close(descriptor) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while result.count < limit {
            let wanted = min(chunk.count, limit - result.count)
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, wanted) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ARCFileError(operation: "read", path: path, code: errno)
            }
            if count == 0 { break }
            result.append(contentsOf: chunk[0..<count])
        }
        return result
    }

    /// The size of a plain file, or nil when it does not exist.
    static func size(_ path: String) throws(ARCFileError) -> Int? {
        var status = stat()
        if lstat(path, &status) != 0 {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw ARCFileError(operation: "examine", path: path, code: errno)
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw ARCFileError(operation: "use", path: path, code: 0, detail: "not a plain file")
        }
        return Int(status.st_size)
    }

    /// Appends `bytes` in one `write` on an `O_APPEND` descriptor, so that the bytes land together
    /// at the end even if someone else appends too. `create`: the mode for a file that does not
    /// exist yet; nil to require that it exists. `onNewLine`: a file whose last line lacks its
    /// newline gets one first, so that the bytes start a line of their own. `sync`: flushed to disk
    /// before returning.
    static func append(_ bytes: [UInt8], to path: String, create mode: mode_t?, onNewLine: Bool = true,
                       sync: Bool = false) throws(ARCFileError) {
        var flags = (onNewLine ? O_RDWR : O_WRONLY) | O_APPEND | O_NOFOLLOW | O_CLOEXEC
        if mode != nil { flags |= O_CREAT }
        let descriptor = open(path, flags, mode ?? 0)
        guard descriptor >= 0 else { throw ARCFileError(operation: "open for appending", path: path, code: errno) }
        defer { close(descriptor) }
        var bytes = bytes
        if onNewLine {
            var status = stat()
            guard fstat(descriptor, &status) == 0 else { throw ARCFileError(operation: "examine", path: path, code: errno) }
            if status.st_size > 0 {
                var last: UInt8 = 0
                guard pread(descriptor, &last, 1, off_t(status.st_size - 1)) == 1 else {
                    throw ARCFileError(operation: "read", path: path, code: errno)
                }
                if last != UInt8(ascii: "\n") { bytes.insert(UInt8(ascii: "\n"), at: 0) }
            }
        }
        try writeAll(bytes, to: descriptor, path: path)
        if sync, fsync(descriptor) != 0 { throw ARCFileError(operation: "flush", path: path, code: errno) }
    }

    /// True when `needle` occurs in `haystack` as a run of bytes.
    static func contains(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        return haystack.withUnsafeBytes { text in
            needle.withUnsafeBytes { pattern in
                guard let text = text.baseAddress, let pattern = pattern.baseAddress else { return false }
                let first = Int32(needle[0])
                var offset = 0
                let last = haystack.count - needle.count
                // memchr for the first byte, memcmp for the rest (glibc's memmem is a GNU extension
                // that Swift's Glibc module does not export).
                while offset <= last, let hit = memchr(text + offset, first, last - offset + 1) {
                    offset = text.distance(to: UnsafeRawPointer(hit))
                    if memcmp(text + offset, pattern, needle.count) == 0 { return true }
                    offset += 1
                }
                return false
            }
        }
    }

    /// Writes every byte, continuing after short writes and interruptions.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(ARCFileError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress.map { $0 + offset }, bytes.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw ARCFileError(operation: "write", path: path, code: errno)
            }
            offset += written
        }
    }
}
