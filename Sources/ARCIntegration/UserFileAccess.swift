import Foundation
import Glibc

/// A local account whose permissions a file operation runs with.
public struct UserIdentity: Sendable, Hashable, CustomStringConvertible {
    public var uid: uid_t
    public var gid: gid_t

    public init(uid: uid_t, gid: gid_t) {
        self.uid = uid
        self.gid = gid
    }

    /// The owner of a file: A-REX makes `job.<ID>.local` the job's mapped user's (spec §3.3).
    public static func owner(of path: String) throws(ARCFileError) -> UserIdentity {
        var status = stat()
        guard lstat(path, &status) == 0 else { throw ARCFileError(operation: "examine", path: path, code: errno) }
        return UserIdentity(uid: status.st_uid, gid: status.st_gid)
    }

    public var description: String { "\(uid):\(gid)" }
}

/// Runs file operations with a job's user's identity while the scan itself stays root.
///
/// The session area may be on NFS with root squashed (spec §3.3, pitfall 8): root's writes there
/// fail, and a file root creates cannot be chowned to the user afterwards. What the server checks is
/// the caller's file-system uid and gid, which Linux keeps per thread (`setfsuid`/`setfsgid`;
/// unlike `seteuid`, which glibc applies to every thread of the process). So the thread switches
/// its file-system identity, does its `open`/`write`/`close` synchronously, and switches back: the
/// body is a synchronous closure, so no suspension point can move the work to another thread or let
/// other work run on this one with the user's identity. While switched, the kernel also drops
/// root's file capabilities (`CAP_DAC_OVERRIDE`, ...), so a job's user cannot trick the scan into
/// writing where the user could not (a symbolic link to `/etc`, say).
///
/// Supplementary groups stay the scan's own (root's, normally none but 0): changing them is
/// process-wide in glibc.
public enum UserFileAccess {
    /// Runs `body` with `user`'s file-system identity, then restores the thread's. Without root
    /// privileges, or when `user` is nil or already the thread's identity, `body` runs unchanged
    /// (the kernel then checks the caller's own permissions).
    public static func perform<T>(as user: UserIdentity?, _ body: () throws -> T) throws -> T {
        guard let user, geteuid() == 0 else { return try body() }
        guard let calls = FileSystemIdentityCalls.shared else {
            throw ARCFileError(operation: "act as user \(user) for", path: "", code: ENOSYS,
                               detail: "setfsuid/setfsgid are not available in this C library")
        }
        let saved = UserIdentity(uid: calls.current(calls.setUID), gid: calls.current(calls.setGID))
        if saved == user { return try body() }
        _ = calls.setGID(user.gid)
        _ = calls.setUID(user.uid)
        defer {
            _ = calls.setUID(saved.uid)
            _ = calls.setGID(saved.gid)
            // Carrying on with the user's identity would make every later write of this thread the
            // user's: there is no safe way to continue.
            precondition(calls.current(calls.setUID) == saved.uid && calls.current(calls.setGID) == saved.gid,
                         "cannot restore the thread's file-system identity")
        }
        guard calls.current(calls.setUID) == user.uid, calls.current(calls.setGID) == user.gid else {
            throw ARCFileError(operation: "act as user \(user) for", path: "", code: EPERM,
                               detail: "setfsuid/setfsgid refused the switch")
        }
        return try body()
    }
}

/// glibc's `setfsuid` and `setfsgid`, which Swift's Glibc module does not export
/// (`<sys/fsuid.h>` is not in its module map), looked up once by name.
private struct FileSystemIdentityCalls: Sendable {
    typealias Call = @convention(c) (UInt32) -> Int32

    let setUID: Call
    let setGID: Call

    static let shared: FileSystemIdentityCalls? = {
        guard let process = dlopen(nil, RTLD_NOW), let uid = dlsym(process, "setfsuid"),
              let gid = dlsym(process, "setfsgid")
        else { return nil }
        return FileSystemIdentityCalls(setUID: unsafeBitCast(uid, to: Call.self), setGID: unsafeBitCast(gid, to: Call.self))
    }()

    /// The thread's current value: an invalid id (-1) changes nothing and returns it.
    func current(_ call: Call) -> UInt32 {
        UInt32(bitPattern: call(UInt32.max))
    }
}
