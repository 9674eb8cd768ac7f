import AsyncHTTPClient
import NIOCore

/// The bytes of a pod's log as they arrive, in the pieces the server sent them.
public struct PodLogStream: AsyncSequence, Sendable {
    public typealias Element = [UInt8]

    let body: HTTPClientResponse.Body?
    let verb: String
    let path: String

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(body: body?.makeAsyncIterator(), verb: verb, path: path)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var body: HTTPClientResponse.Body.AsyncIterator?
        let verb: String
        let path: String

        public mutating func next() async throws -> [UInt8]? {
            do {
                guard let buffer = try await body?.next() else { return nil }
                return Array(buffer.readableBytesView)
            } catch {
                if Task.isCancelled { throw CancellationError() }
                throw KubernetesError(kind: .network, message: "the log stream broke: \(error)", verb: verb, path: path)
            }
        }
    }
}
