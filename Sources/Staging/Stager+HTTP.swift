import AsyncHTTPClient
import NIOCore
import NIOHTTP1

#if canImport(FoundationEssentials)
import struct FoundationEssentials.URL
#else
import struct Foundation.URL
#endif

extension Stager {
    /// Sends one request and follows redirects itself, up to `maxRedirects`, to http(s) targets
    /// only (a redirect must not turn a download into a read of `file:///etc/…`). Returns the
    /// final response when it is a success (2xx); any other status becomes a `TransferFailure`.
    ///
    /// GET follows 301, 302, 303, 307 and 308; a request with a body follows only 307 and 308,
    /// the two that promise the same method and body at the new location.
    func send(
        _ method: HTTPMethod, to url: URL, deadline: NIODeadline, activity: TransferActivity,
        body: (() -> HTTPClientRequest.Body)? = nil
    ) async throws(TransferFailure) -> HTTPClientResponse {
        var current = url
        var redirects = 0
        while true {
            guard let scheme = current.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
                throw TransferFailure(.notAllowed("'\(current.absoluteString)' is not an http or https URL"))
            }
            var request = HTTPClientRequest(url: current.absoluteString)
            request.method = method
            if let body {
                request.body = body()
            }
            let response: HTTPClientResponse
            do {
                response = try await httpClient.execute(request, deadline: deadline, logger: logger)
            } catch {
                throw TransferFailure(classifying: error)
            }
            activity.touch()
            if let next = redirectTarget(of: response, from: current, method: method) {
                redirects += 1
                guard redirects <= configuration.maxRedirects else {
                    throw TransferFailure(.tooManyRedirects(limit: configuration.maxRedirects))
                }
                current = next
                continue
            }
            guard (200..<300).contains(response.status.code) else {
                throw TransferFailure(status: response.status, headers: response.headers)
            }
            return response
        }
    }

    private func redirectTarget(of response: HTTPClientResponse, from url: URL, method: HTTPMethod) -> URL? {
        let followed: Set<UInt> = method == .GET || method == .HEAD ? [301, 302, 303, 307, 308] : [307, 308]
        guard followed.contains(response.status.code), let location = response.headers.first(name: "location"),
            let target = URL(string: location, relativeTo: url)
        else { return nil }
        return target.absoluteURL
    }
}
