import Foundation
import Glibc

/// Who a pod runs as, and the session directory made theirs before the pod exists: the kubelet
/// would otherwise create a missing subPath as root 0755, which a non-root job cannot write.
enum SessionOwnership {
    /// For a job from A-REX, the owner of its session directory (the grid user's mapped account);
    /// for a direct submission `nil`, after handing the directory and what staging put in it to
    /// the queue's uid and gid.
    static func prepare(_ request: ExecutionRequest, policy: QueuePolicy) throws(ExecutorError) -> (uid: Int, gid: Int)? {
        let directory = request.sessionDirectory
        var status = stat()
        guard lstat(directory, &status) == 0 else {
            throw ExecutorError("cannot read the session directory '\(directory)': \(String(cString: strerror(errno)))")
        }
        guard (status.st_mode & S_IFMT) == S_IFDIR else {
            throw ExecutorError("the session directory '\(directory)' is not a directory")
        }
        if request.description.gridJob != nil {
            return (Int(status.st_uid), Int(status.st_gid))
        }
        let uid = uid_t(policy.runAsUser)
        let gid = gid_t(policy.runAsGroup)
        if status.st_uid == uid, status.st_gid == gid { return nil }
        try give(directory, to: uid, gid)
        if let walker = FileManager.default.enumerator(atPath: directory) {
            for case let entry as String in walker {
                try give(directory + "/" + entry, to: uid, gid)
            }
        }
        return nil
    }

    private static func give(_ path: String, to uid: uid_t, _ gid: gid_t) throws(ExecutorError) {
        guard lchown(path, uid, gid) == 0 else {
            let reason = String(cString: strerror(errno))
            throw ExecutorError("cannot give '\(path)' to uid \(uid) gid \(gid): \(reason) "
                                + "(arkd needs to run as root, or the queue's runAsUser must be arkd's own uid)")
        }
    }
}
