import Hummingbird

/// The API's routes and middleware in one router, shared by every listener.
public enum APIRouter {
    public static func make(_ dependencies: APIDependencies) -> Router<ArkdRequestContext> {
        let router = Router(context: ArkdRequestContext.self)
        router.add(middleware: RequestMetricsMiddleware(metrics: dependencies.metrics))
        router.add(middleware: ErrorJSONMiddleware(maxRequestBytes: dependencies.site.server.maxRequestBytes))
        router.add(middleware: BearerAuthMiddleware(tokens: dependencies.tokens,
                                                    defaultOwner: dependencies.site.engineConfiguration.defaultOwner))
        JobRoutes(dependencies: dependencies).register(on: router)
        SystemRoutes(dependencies: dependencies).register(on: router)
        return router
    }
}
