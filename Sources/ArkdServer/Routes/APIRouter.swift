import Hummingbird

/// The API's routes and middleware in one router, shared by every listener.
public enum APIRouter {
    public static func make(_ dependencies: APIDependencies) -> Router<ArkdRequestContext> {
        // Middleware applies to the routes added after it, so the routes are first registered on a
        // probe router to learn them for the 405 answers.
        let probe = Router(context: ArkdRequestContext.self)
        register(dependencies, on: probe)
        let router = Router(context: ArkdRequestContext.self)
        router.add(middleware: RequestMetricsMiddleware(metrics: dependencies.metrics))
        router.add(middleware: ErrorJSONMiddleware(maxRequestBytes: dependencies.site.server.maxRequestBytes,
                                                   routes: RouteTable(probe.routes.map { ($0.method, $0.path.description) })))
        router.add(middleware: BearerAuthMiddleware(tokens: dependencies.tokens,
                                                    defaultOwner: dependencies.site.engineConfiguration.defaultOwner))
        register(dependencies, on: router)
        return router
    }

    private static func register(_ dependencies: APIDependencies, on router: Router<ArkdRequestContext>) {
        JobRoutes(dependencies: dependencies).register(on: router)
        SystemRoutes(dependencies: dependencies).register(on: router)
    }
}
