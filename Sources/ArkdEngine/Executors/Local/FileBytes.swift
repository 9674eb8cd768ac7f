#if canImport(Glibc)
import Glibc
#endif

/// Reads the small files the local executor looks at (pid files, `/proc/<pid>/stat` and
/// `environ`) with plain `open`/`read`: Foundation's `String(contentsOfFile:)` and
/// `FileManager.contents(atPath:)` cost several times more, which counted when one of these was
/// read on every start (Benchmarks/README.md, "Engine benchmarks").
enum FileBytes {
    /// The file's bytes, or nil if it cannot be read.
    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        return withUnsafeTemporaryAllocation(byteCount: 4_096, alignment: 1) { buffer -> [UInt8]? in
            while true {
                let count = Glibc.read(fd, buffer.baseAddress, buffer.count)
                if count > 0 {
                    bytes += UnsafeRawBufferPointer(rebasing: buffer[..<count])
                } else if count == 0 {
                    return bytes
                } else if errno != EINTR {
                    return nil
                }
            }
        }
    }
}
