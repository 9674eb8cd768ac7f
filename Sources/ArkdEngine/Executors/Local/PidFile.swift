#if canImport(Glibc)
import Glibc
#endif

/// A job's pid file (`<runtime directory>/<job>.pid`): how the local executor knows, also after a
/// restart of arkd, that it began a job's start, so that it never starts a payload twice.
///
/// - Right before the spawn, the pid file is made a hard link to the runtime directory's empty
///   start marker (`StartMarker`). `link` fails if the name exists, so this is also the check that
///   no earlier start of the job exists, in this process or any other; from then on the job reads
///   as "start begun, the payload may exist" (`Content.starting`). A link only adds a directory
///   entry: on ext4 it costs about 6 µs, where creating an empty file (a new inode) costs about
///   20 µs, as much as all the rest of the executor's work on a start (Benchmarks/README.md,
///   "Engine benchmarks").
/// - When observation of the payload begins, its handle with the start time (`local:<pid>:<ticks>`
///   and a line end) is written to a new file that is renamed over the link, so that a restarted
///   arkd can adopt the payload with certainty (`LocalHandle`). The start path writes nothing.
///
/// A pid file is never written in place (while it is a link, that would write the marker and
/// every other start in progress); `record` replaces it. Contents that are empty, lack the line end
/// or do not parse read as a start in progress. A restart that finds one looks for the payload by
/// the job's id in its environment (`ProcessIdentity.recognize`) and never starts it again.
///
/// Crash safety here is about arkd's process dying: what it wrote is in the page cache, which
/// outlives it, and a rename is all or nothing. Nothing is fsync'd: after a power loss a pid file
/// may be missing or empty, but its payload is gone with the machine.
struct PidFile {
    let path: String
    let marker: StartMarker

    enum Content: Equatable {
        /// A start began and may or may not have spawned the payload.
        case starting
        case started(LocalHandle)
    }

    /// The file's contents; nil when there is no pid file (or it cannot be read).
    func read() -> Content? {
        guard let bytes = FileBytes.read(path) else { return nil }
        guard bytes.last == UInt8(ascii: "\n"), let handle = LocalHandle(bytes.dropLast()) else { return .starting }
        return .started(handle)
    }

    /// Makes the pid file for a new start; false when it exists already (a start of this job began
    /// before). Where the file system refuses the link (no hard links, or the marker gone or
    /// linked too often), an empty file is created instead, with the same exclusivity.
    func create() throws(ExecutorError) -> Bool {
        if link(marker.path, path) == 0 { return true }
        if errno == EEXIST { return false }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            if errno == EEXIST { return false }
            throw Self.failure("create", path)
        }
        close(fd)
        return true
    }

    /// Replaces the pid file with one that holds `handle` and a line end: written to a temporary
    /// file beside it, then renamed over it.
    func record(_ handle: LocalHandle) throws(ExecutorError) {
        let temporary = path + ".tmp-" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Self.failure("write", temporary) }
        var text = handle.description
        text.append("\n")
        let written = text.withUTF8 { write(fd, $0.baseAddress, $0.count) }
        let error = written < 0 ? errno : EIO
        guard close(fd) == 0, written == text.utf8.count, rename(temporary, path) == 0 else {
            let failure = Self.failure("write", path, errno: written == text.utf8.count ? errno : error)
            unlink(temporary)
            throw failure
        }
    }

    func remove() {
        unlink(path)
    }

    fileprivate static func failure(_ verb: String, _ path: String, errno code: Int32 = errno) -> ExecutorError {
        ExecutorError("cannot \(verb) '\(path)': \(String(cString: strerror(code)))", isTransient: true)
    }
}

/// The runtime directory's start marker (`.start-marker`): an empty file that every pid file is a
/// hard link to while its start is in progress (`PidFile`). Never written.
struct StartMarker {
    let path: String

    /// Creates the marker in `directory`, or empties it: should anything have written into it, the
    /// pid files linked to it read as starts in progress again, which is what they are.
    init(directory: String) throws(ExecutorError) {
        path = directory + "/.start-marker"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw PidFile.failure("create", path) }
        close(fd)
    }
}
