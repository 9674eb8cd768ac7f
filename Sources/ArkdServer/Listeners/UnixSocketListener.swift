#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// The API on a unix socket, mode 0660 so that the socket's group decides who may connect.
enum UnixSocketListener {
    static func make(path: String, router: Router<ArkdRequestContext>, logger: Logger,
                     onListening: @escaping @Sendable (ListenerAddress) async -> Void) throws
        -> some Service
    {
        try removeStaleSocket(at: path)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        return Application(
            router: router, configuration: ApplicationConfiguration(address: .unixDomainSocket(path: path),
                                                                    serverName: "arkd"),
            onServerRunning: { _ in
                if chmod(path, 0o660) != 0 {
                    logger.error("cannot set the socket's mode to 0660", metadata: ["socket.path": "\(path)"])
                }
                logger.info("listening", metadata: ["listener": "unix:\(path)"])
                await onListening(.unixSocket(path: path))
            },
            logger: logger)
    }

    /// A socket left by a daemon that did not stop cleanly is removed; any other file is refused,
    /// so a typo in the configuration cannot delete data.
    private static func removeStaleSocket(at path: String) throws(ListenerError) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        guard status.st_mode & S_IFMT == S_IFSOCK else {
            throw ListenerError("'\(path)' exists and is not a socket; refusing to replace it")
        }
        guard unlink(path) == 0 else {
            throw ListenerError("cannot remove the stale socket '\(path)': \(String(cString: strerror(errno)))")
        }
    }
}

/// A listener that cannot start.
public struct ListenerError: Error, Sendable, CustomStringConvertible {
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}
