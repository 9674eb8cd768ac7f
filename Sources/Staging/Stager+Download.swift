import AsyncHTTPClient
import NIOCore

#if canImport(FoundationEssentials)
import struct FoundationEssentials.URL
#else
import struct Foundation.URL
#endif

extension Stager {
    /// One attempt at downloading `url` into `destination`: checks Content-Length against the cap
    /// up front, then streams the body to a partial file chunk by chunk, counting, hashing and
    /// reporting as it goes, and commits the file only when every byte arrived and matched.
    /// Returns the file's size.
    func download(
        _ url: URL, to destination: Destination, report: @escaping @Sendable (_ bytes: Int64, _ total: Int64?) -> Void
    ) async throws(TransferFailure) -> Int64 {
        let deadline = NIODeadline.now() + configuration.requestTimeout.timeAmount
        return try await TransferDeadline.run(
            timeout: configuration.requestTimeout, idleTimeout: configuration.idleTimeout
        ) { (activity) throws(TransferFailure) -> Int64 in
            let response = try await self.send(.GET, to: url, deadline: deadline, activity: activity)
            let total = response.headers.first(name: "content-length").flatMap { Int64($0) }
            if let limit = destination.limit, let total, total > limit {
                throw TransferFailure(.tooLarge(limit: limit))
            }
            return try await PartialFile.write(
                in: destination.directory, finalName: destination.fileName, owner: destination.owner,
                syncToDisk: destination.syncToDisk
            ) { (file) throws(TransferFailure) -> Int64 in
                var incoming = IncomingFile(file: file, limit: destination.limit,
                                            checksum: destination.checksum?.algorithm) { bytes in
                    activity.touch()
                    report(bytes, total)
                }
                do {
                    for try await chunk in response.body {
                        try await incoming.append(chunk)
                    }
                } catch {
                    throw TransferFailure(classifying: error)
                }
                if Task.isCancelled { throw TransferFailure(.cancelled) }
                if let total, incoming.bytes != total {
                    throw TransferFailure(.network("the body ended after \(incoming.bytes) of \(total) bytes"))
                }
                try incoming.verify(destination.checksum)
                try await file.commit(executable: destination.executable)
                return incoming.bytes
            }
        }
    }
}
