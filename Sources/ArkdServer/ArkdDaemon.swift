import ArkdEngine
import Logging
import ServiceLifecycle

/// The daemon assembled: the engine, the metrics observer and the API listeners as services of one
/// `ServiceGroup`.
public struct ArkdDaemon: Sendable {
    public let dependencies: APIDependencies
    public let logger: Logger

    public init(dependencies: APIDependencies, logger: Logger) {
        self.dependencies = dependencies
        self.logger = logger
    }

    /// The services in start order. A group stops them in reverse: the listeners first (no new
    /// requests; requests in flight finish), then the metrics observer, then the engine, which
    /// finishes its store writes and leaves payloads running for the next start to resume.
    public func services(onListening: @escaping @Sendable (ListenerAddress) async -> Void = { _ in }) throws
        -> [any Service]
    {
        let site = dependencies.site
        let router = APIRouter.make(dependencies)
        var services: [any Service] = [
            EngineService(engine: dependencies.engine),
            JobMetricsObserver(engine: dependencies.engine, metrics: dependencies.metrics),
        ]
        services.append(try UnixSocketListener.make(path: site.server.socketPath(stateDirectory: site.stateDirectory),
                                                    router: router, logger: logger, onListening: onListening))
        if let listener = site.server.listener {
            services.append(try TCPListener.make(listener, tls: site.server.tls, router: router, logger: logger,
                                                  onListening: onListening))
        }
        return services
    }
}
