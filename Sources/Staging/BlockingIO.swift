import NIOPosix

/// Runs blocking system calls (open, write, fsync, rename) on NIO's thread pool, so a slow disk or
/// a shared filesystem stalls a pool thread rather than one of the few cooperative threads every
/// async task in the daemon shares.
enum BlockingIO {
    static func run<T: Sendable, Failure: Error>(
        _ body: @escaping @Sendable () throws(Failure) -> T
    ) async throws(TransferFailure) -> T {
        do {
            return try await NIOThreadPool.singleton.runIfActive { try body() }
        } catch {
            throw TransferFailure(classifying: error)
        }
    }
}
