#if canImport(Glibc)
import Glibc
#endif

/// The small files the local executor reads and writes on every start (its pid files and start
/// markers, `/proc/<pid>/stat`), with plain system calls: Foundation's `String(contentsOfFile:)` and
/// `Data.write(options: .atomic)` cost several times more, and the latter fsyncs, which a pid file
/// does not need (after a power loss its process is gone too, and the job's handle is in the store).
/// A start used to cost about 1 ms of bookkeeping on top of a 0.1 ms spawn; see
/// Benchmarks/README.md, "Engine benchmarks".
enum RuntimeFiles {
    /// The file's contents as UTF-8, or nil if it cannot be read.
    static func read(_ path: String) -> String? {
        readBytes(path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The file's bytes, or nil if it cannot be read.
    static func readBytes(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        return withUnsafeTemporaryAllocation(byteCount: 1_024, alignment: 1) { buffer -> [UInt8]? in
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

    /// Replaces `path` with `text` atomically for readers and for a crash of this process: the text
    /// goes to a temporary file beside it, which is then renamed over it.
    static func replace(_ path: String, with text: String) throws(ExecutorError) {
        let temporary = path + ".tmp-" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("write", path) }
        do throws(ExecutorError) {
            try writeAll(fd, text, path: path)
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        guard close(fd) == 0, rename(temporary, path) == 0 else {
            let error = failure("write", path)
            unlink(temporary)
            throw error
        }
    }

    /// The start marker (`<job>.starting`): created empty before the payload is spawned, then,
    /// once it runs, given the handle and renamed to the pid file in one step. A restart finds
    /// either the marker (the start may have been interrupted: look for the process) or the
    /// complete pid file, never a partial one and never neither; and a start costs two file
    /// operations in the directory (create, rename) instead of four.
    /// Each marker must end with `complete` or `abandon`, which close it.
    struct StartMarker {
        let path: String
        private let fd: Int32

        init(creating path: String) throws(ExecutorError) {
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw failure("write", path) }
            self.path = path
            self.fd = fd
        }

        /// Writes `text` into the marker and renames it to `destination`. On failure the marker
        /// stays, as an interrupted start.
        func complete(with text: String, as destination: String) throws(ExecutorError) {
            do throws(ExecutorError) {
                try writeAll(fd, text, path: path)
            } catch {
                close(fd)
                throw error
            }
            guard close(fd) == 0, rename(path, destination) == 0 else { throw failure("write", destination) }
        }

        /// Leaves the marker in place (the start failed or was not attempted) and closes it.
        func abandon() {
            close(fd)
        }
    }

    private static func writeAll(_ fd: Int32, _ text: String, path: String) throws(ExecutorError) {
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, $0.count - written) }
            if result > 0 {
                written += result
            } else if result < 0, errno == EINTR {
                continue
            } else {
                throw failure("write", path, errno: result < 0 ? errno : EIO)
            }
        }
    }

    private static func failure(_ verb: String, _ path: String, errno code: Int32 = errno) -> ExecutorError {
        ExecutorError("cannot \(verb) '\(path)': \(String(cString: strerror(code)))", isTransient: true)
    }
}
