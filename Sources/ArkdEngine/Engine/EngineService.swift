import ServiceLifecycle

/// The engine as a ServiceLifecycle service, so the daemon runs it in one `ServiceGroup` with its
/// API server and metrics: on graceful shutdown it stops taking work up and returns, leaving
/// running payloads alone (the next start resumes them).
public struct EngineService: Service {
    public let engine: Engine

    public init(engine: Engine) {
        self.engine = engine
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            try await engine.run()
        }
        engine.shutdown()
    }
}
