#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A uid and gid, so staged files can belong to the job's account rather than to the daemon.
struct FileOwner: Sendable, Hashable {
    let uid: uid_t
    let gid: gid_t
}
