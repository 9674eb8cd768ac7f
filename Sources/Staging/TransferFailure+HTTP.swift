import NIOHTTP1

extension TransferFailure {
    /// The failure for an unsuccessful final HTTP status: 404/410 are "not found", everything else
    /// keeps its status; 408, 429 and 5xx are transient (see `StagingError.Code.isTransient`) and
    /// carry the server's Retry-After when it sent one.
    init(status: HTTPResponseStatus, headers: HTTPHeaders) {
        let code = Int(status.code)
        let retryAfter = headers.first(name: "retry-after").flatMap { RetryAfter.parse($0) }
        switch code {
        case 404, 410: self.init(.notFound(status: code))
        default: self.init(.httpStatus(code), retryAfter: retryAfter)
        }
    }
}
