import AsyncHTTPClient

/// A failure inside one attempt, before it is given the file's context and becomes a
/// `StagingError`. Carries the server's Retry-After so the retry loop can honour it.
struct TransferFailure: Error, Sendable {
    let code: StagingError.Code
    var retryAfter: Duration?

    init(_ code: StagingError.Code, retryAfter: Duration? = nil) {
        self.code = code
        self.retryAfter = retryAfter
    }

    /// Sorts any error thrown by AsyncHTTPClient, NIO, the task runtime or our own system calls into
    /// a code, so the retry loop sees one type.
    init(classifying error: any Error) {
        switch error {
        case let failure as TransferFailure:
            self = failure
        case let failure as SystemCallError:
            self.init(failure.code)
        case is CancellationError:
            self.init(.cancelled)
        case let failure as HTTPClientError:
            self.init(Self.code(for: failure))
        default:
            self.init(.network(String(describing: error)))
        }
    }

    private static func code(for error: HTTPClientError) -> StagingError.Code {
        switch error {
        case .connectTimeout: .timeout("could not connect in time")
        case .readTimeout: .timeout("no data from the server in time")
        case .deadlineExceeded: .timeout("the request deadline passed")
        case .writeTimeout: .timeout("could not send in time")
        case .tlsHandshakeTimeout: .timeout("TLS handshake did not finish in time")
        case .cancelled: .cancelled
        case .invalidURL, .emptyHost, .emptyScheme: .notAllowed("not a valid http(s) URL")
        default: .network(error.description)
        }
    }
}
