import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

extension KubernetesClient {
    /// Sends `request` and reads the whole answer, retrying as its repeatability allows; a non-2xx
    /// answer is thrown as a `KubernetesError`.
    func send(_ request: APIRequest) async throws -> APIResponse {
        try await perform(request, streaming: false)
    }

    /// Like `send`, but a 2xx answer comes back as soon as its head arrives, with the body left in
    /// `stream` (watches, followed logs).
    func open(_ request: APIRequest) async throws -> APIResponse {
        try await perform(request, streaming: true)
    }

    /// Decodes a 2xx body as `T`; a body that does not decode is the server's fault, not the caller's.
    func decode<T: Decodable>(_ type: T.Type, from response: APIResponse, request: APIRequest) throws -> T {
        do {
            return try KubernetesJSON.makeDecoder().decode(type, from: Data(response.body.readableBytesView))
        } catch {
            throw KubernetesError(kind: .invalidResponse, statusCode: response.status,
                                  message: "the answer is not a \(T.self): \(error)", verb: request.verb,
                                  path: request.path, attempts: response.attempts)
        }
    }

    private func perform(_ request: APIRequest, streaming: Bool) async throws -> APIResponse {
        var logger = self.logger
        logger[metadataKey: "k8s.verb"] = "\(request.verb)"
        if let namespace = request.namespace { logger[metadataKey: "k8s.namespace"] = "\(namespace)" }
        if let pod = request.pod { logger[metadataKey: "k8s.pod"] = "\(pod)" }
        var attempt = 0
        var reloadedToken = false
        while true {
            attempt += 1
            try await limiter.acquire()
            let failure: KubernetesError
            let requestWasSent: Bool
            let started = ContinuousClock.now
            do {
                let httpRequest = try makeHTTPRequest(request)
                logger.debug("request", metadata: ["k8s.path": "\(request.target)", "k8s.attempt": "\(attempt)"])
                var response = try await streaming ? head(httpRequest) : complete(httpRequest)
                response.attempts = attempt
                report(request, status: response.status, started: started, attempt: attempt)
                if (200..<300).contains(response.status) {
                    for warning in response.warnings {
                        logger.info("the API server warned", metadata: ["k8s.warning": "\(warning)"])
                    }
                    return response
                }
                if response.stream != nil {
                    response.body = try await withDeadline(options.requestTimeout) { [maxBytes = options.maxResponseBytes, stream = response.stream] in
                        try await stream?.collect(upTo: maxBytes) ?? ByteBuffer()
                    }
                }
                failure = Self.error(from: response, request: request)
                requestWasSent = true
            } catch {
                if Task.isCancelled { throw CancellationError() }
                report(request, status: nil, started: started, attempt: attempt)
                (failure, requestWasSent) = Self.error(from: error, request: request)
            }

            if failure.kind == .unauthorized, !reloadedToken, let tokens, tokens.canReload {
                reloadedToken = true
                tokens.invalidate()
                logger.info("the API server refused the token; reading the token file again")
                continue
            }
            guard attempt < options.retry.maxAttempts, Self.mayRepeat(request, after: failure, sent: requestWasSent)
            else {
                throw failure.with(attempts: attempt)
            }
            let delay = options.retry.delay(after: attempt, retryAfter: failure.retryAfter)
            logger.info("retrying", metadata: ["k8s.error": "\(failure)", "k8s.delay": "\(delay)"])
            try await Task.sleep(for: delay)
        }
    }

    private static func mayRepeat(_ request: APIRequest, after failure: KubernetesError, sent: Bool) -> Bool {
        switch request.repeatability {
        case .idempotent, .createNamed: failure.isTransient
        case .createGenerated: failure.kind == .tooManyRequests || (failure.isTransient && !sent)
        }
    }

    private func makeHTTPRequest(_ request: APIRequest) throws -> HTTPClientRequest {
        var httpRequest = HTTPClientRequest(url: baseURL + request.target)
        httpRequest.method = request.method
        httpRequest.headers.add(name: "Accept", value: "application/json")
        httpRequest.headers.add(name: "User-Agent", value: options.userAgent)
        if let tokens {
            let token: String
            do {
                token = try tokens.token()
            } catch {
                throw KubernetesError(kind: .configuration, message: "\(error)", verb: request.verb, path: request.path)
            }
            httpRequest.headers.add(name: "Authorization", value: "Bearer \(token)")
        }
        if let body = request.body {
            httpRequest.headers.add(name: "Content-Type", value: request.contentType ?? "application/json")
            httpRequest.body = .bytes(ByteBuffer(bytes: body))
        }
        return httpRequest
    }

    /// One attempt of an ordinary request: head and body within `requestTimeout`.
    private func complete(_ httpRequest: HTTPClientRequest) async throws -> APIResponse {
        let timeout = options.requestTimeout
        return try await withDeadline(timeout) { [httpClient, logger, maxBytes = options.maxResponseBytes] in
            let response = try await httpClient.execute(httpRequest, deadline: .now() + timeout.timeAmount,
                                                        logger: logger)
            let body = try await response.body.collect(upTo: maxBytes)
            return APIResponse(status: Int(response.status.code), headers: response.headers, body: body, stream: nil,
                               attempts: 1)
        }
    }

    /// One attempt of a streamed request: the head within `requestTimeout`; the body is the caller's.
    private func head(_ httpRequest: HTTPClientRequest) async throws -> APIResponse {
        let response = try await httpClient.execute(httpRequest, deadline: .now() + options.requestTimeout.timeAmount,
                                                    logger: logger)
        return APIResponse(status: Int(response.status.code), headers: response.headers, body: ByteBuffer(),
                           stream: response.body, attempts: 1)
    }

    private func report(_ request: APIRequest, status: Int?, started: ContinuousClock.Instant, attempt: Int) {
        guard let observer = options.requestObserver else { return }
        observer(KubernetesRequestMetric(verb: request.verb, method: request.method.rawValue, path: request.path,
                                         statusCode: status, latency: .now - started, attempt: attempt))
    }

    /// The error an unsuccessful answer stands for: from its Status body when it has one (most
    /// do), else from the status line and text (429 from API Priority and Fairness is plain text).
    static func error(from response: APIResponse, request: APIRequest) -> KubernetesError {
        let headerRetryAfter = response.headers.first(name: "Retry-After")
            .flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            .map { Duration.seconds(max(0, $0)) }
        let data = Data(response.body.readableBytesView)
        if let status = try? KubernetesJSON.makeDecoder().decode(Status.self, from: data),
            status.kind == "Status" || status.reason != nil
        {
            return KubernetesError(
                kind: .of(statusCode: response.status, reason: status.reason), statusCode: response.status,
                reason: status.reason, message: status.message ?? "", causes: status.details?.causes ?? [],
                verb: request.verb, path: request.path, attempts: response.attempts,
                retryAfter: headerRetryAfter ?? status.details?.retryAfterSeconds.map { Duration.seconds(max(0, $0)) })
        }
        let phrase = HTTPResponseStatus(statusCode: response.status).reasonPhrase
        let text = String(decoding: data.prefix(1_024), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return KubernetesError(kind: .of(statusCode: response.status, reason: nil), statusCode: response.status,
                               reason: phrase.isEmpty ? nil : phrase, message: text.isEmpty ? phrase : text,
                               verb: request.verb, path: request.path, attempts: response.attempts,
                               retryAfter: headerRetryAfter)
    }

    /// The error a thrown transport error stands for, and whether the request may have reached the
    /// server (a refused or timed-out connect did not).
    static func error(from error: any Error, request: APIRequest) -> (KubernetesError, sent: Bool) {
        func make(_ kind: KubernetesError.Kind, _ message: String) -> KubernetesError {
            KubernetesError(kind: kind, message: message, verb: request.verb, path: request.path)
        }
        switch error {
        case let error as KubernetesError:
            return (error, false)
        case is DeadlineExceeded:
            return (make(.timeout, "no complete answer within the request deadline"), true)
        case let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout:
            return (make(.timeout, "no answer within the deadline (\(error))"), true)
        case let error as HTTPClientError where error == .connectTimeout || error == .tlsHandshakeTimeout:
            return (make(.timeout, "could not connect in time (\(error))"), false)
        case let error as NIOTooManyBytesError:
            return (make(.invalidResponse, "the answer is larger than the client accepts (\(error))"), true)
        case let error as NIOConnectionError:
            return (make(.network, "cannot connect: \(error)"), false)
        case let error as IOError where error.errnoCode == ECONNREFUSED:
            return (make(.network, "connection refused"), false)
        case let error as NIOSSLError:
            return (make(.network, "TLS failed: \(error)"), false)
        case let error as BoringSSLError:
            return (make(.network, "TLS failed: \(error)"), false)
        default:
            return (make(.network, "\(error)"), true)
        }
    }
}
