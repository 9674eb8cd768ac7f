#if canImport(Glibc)
import Glibc

/// glibc extensions that Swift's Glibc module does not import (they sit behind `_GNU_SOURCE`),
/// looked up once at run time.
enum GlibcExtensions {
    typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> CInt
    typealias AddClosefrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, CInt) -> CInt

    /// Sets the child's working directory without touching the parent's (glibc 2.29+).
    static let addChdir: AddChdir? = symbol("posix_spawn_file_actions_addchdir_np", as: AddChdir.self)
    /// Closes every inherited descriptor from a number up, so jobs never see arkd's sockets or the
    /// store (glibc 2.34+).
    static let addClosefrom: AddClosefrom? = symbol("posix_spawn_file_actions_addclosefrom_np", as: AddClosefrom.self)

    typealias Prlimit = @convention(c) (pid_t, CInt, UnsafePointer<rlimit>?, UnsafeMutablePointer<rlimit>?) -> CInt

    /// Sets a resource limit of another process (the payload, right after it is spawned).
    static let prlimit: Prlimit? = symbol("prlimit", as: Prlimit.self)

    private static func symbol<T>(_ name: String, as type: T.Type) -> T? {
        guard let handle = dlopen(nil, RTLD_NOW), let pointer = dlsym(handle, name) else { return nil }
        return unsafeBitCast(pointer, to: type)
    }
}
#endif
