import Hummingbird

/// Counts every request by route, method and status, and times it. Outermost, so it sees the
/// status `ErrorJSONMiddleware` chose.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = ArkdRequestContext

    let metrics: ArkdMetrics

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        metrics.request(route: context.endpointPath ?? "unmatched", method: request.method.rawValue,
                        status: response.status.code, duration: ContinuousClock.now - start)
        return response
    }
}
