#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed system call with its errno, kept raw until it is mapped to a staging code, so ENOSPC,
/// EDQUOT and EFBIG all become "disk full" whichever call hit them.
struct SystemCallError: Error, Sendable, CustomStringConvertible {
    let call: String
    let path: String
    let errno: Int32

    init(_ call: String, path: String, errno: Int32) {
        self.call = call
        self.path = path
        self.errno = errno
    }

    var description: String { "\(call) \(path): \(Self.message(for: errno))" }

    var code: StagingError.Code {
        switch errno {
        case ENOSPC, EDQUOT, EFBIG: .diskFull(description)
        case ECANCELED: .cancelled
        default: .localIO(description)
        }
    }

    static func message(for errno: Int32) -> String {
        guard let text = strerror(errno) else { return "errno \(errno)" }
        return String(cString: text)
    }
}
