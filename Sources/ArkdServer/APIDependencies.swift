import ArkdEngine

/// What the routes work with, built once by the daemon.
public struct APIDependencies: Sendable {
    public var engine: Engine
    public var site: SiteConfiguration
    public var metrics: ArkdMetrics
    /// `nil`: no token file; see `BearerAuthMiddleware`.
    public var tokens: TokenTable?

    public init(engine: Engine, site: SiteConfiguration, metrics: ArkdMetrics, tokens: TokenTable?) {
        self.engine = engine
        self.site = site
        self.metrics = metrics
        self.tokens = tokens
    }
}
