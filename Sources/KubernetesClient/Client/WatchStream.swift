import AsyncHTTPClient
import Foundation
import NIOCore

/// The events of one open watch, decoded line by line as they arrive.
///
/// Ends (returns nil) when the server closes the stream at its timeout. An ERROR event is thrown:
/// `.gone` for 410 Expired, another kind for any other Status. Bookmarks are delivered so the
/// reader can resume from their resourceVersion.
public struct WatchStream<Object: KubernetesObject>: AsyncSequence, Sendable {
    public typealias Element = WatchEvent<Object>

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
        var framer = LineFramer()
        let decoder = KubernetesJSON.makeDecoder()

        public mutating func next() async throws -> WatchEvent<Object>? {
            while true {
                if let line = framer.nextLine() {
                    if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { continue }
                    return try decode(line)
                }
                let chunk: ByteBuffer?
                do {
                    chunk = try await body?.next()
                } catch {
                    if Task.isCancelled { throw CancellationError() }
                    throw KubernetesError(kind: .network, message: "the watch stream broke: \(error)", verb: verb,
                                          path: path)
                }
                guard let chunk else {
                    body = nil
                    guard let last = framer.remainder() else { return nil }
                    return try decode(last)
                }
                framer.append(chunk.readableBytesView)
            }
        }

        private func decode(_ line: [UInt8]) throws -> WatchEvent<Object> {
            let event: WatchEvent<Object>
            do {
                event = try decoder.decode(WatchEvent<Object>.self, from: Data(line))
            } catch {
                throw KubernetesError(kind: .invalidResponse, message: "a watch event does not decode: \(error)",
                                      verb: verb, path: path)
            }
            if case .error(let status) = event {
                let code = status.code ?? 500
                throw KubernetesError(kind: .of(statusCode: code, reason: status.reason), statusCode: code,
                                      reason: status.reason, message: status.message ?? "",
                                      causes: status.details?.causes ?? [], verb: verb, path: path)
            }
            return event
        }
    }
}
