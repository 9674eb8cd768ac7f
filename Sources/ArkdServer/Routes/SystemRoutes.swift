import ArkdEngine
import Hummingbird
import NIOCore

/// The site's information, health probes and metrics.
struct SystemRoutes: Sendable {
    let dependencies: APIDependencies

    func register(on router: Router<ArkdRequestContext>) {
        router.get("/v1/info") { _, context in try await info(context) }
        router.get("/healthz") { _, _ in try JSONResponse.make(HealthJSON(status: "ok")) }
        router.get("/readyz") { _, _ in try await readiness() }
        router.get("/metrics") { _, _ in try await metrics() }
    }

    private func info(_ context: ArkdRequestContext) async throws -> Response {
        _ = try context.require(.read)
        let site = dependencies.site
        let counts = try await dependencies.engine.store.countByState()
        let queues = site.queues.keys.sorted().compactMap { name -> InfoJSON.Queue? in
            guard let policy = site.queues[name] else { return nil }
            return InfoJSON.Queue(name: name, isDefault: name == site.defaultQueue, maxCPUs: policy.maxCPUs,
                                  maxMemoryMiB: policy.maxMemoryMiB,
                                  maxWallTimeSeconds: policy.maxWallTime.map { $0.components.seconds })
        }
        let load = Dictionary(uniqueKeysWithValues: JobState.allCases.map { ($0.rawValue, counts[$0] ?? 0) })
        var info = InfoJSON(executor: site.executor.rawValue, queues: queues,
                            capacity: dependencies.engine.configuration.maxRunningJobs, load: load)
        do {
            info.nodes = try await dependencies.engine.nodes()
        } catch {
            context.logger.warning("cannot list nodes for /v1/info", metadata: ["error": "\(error)"])
            info.nodesError = error.description
        }
        return try JSONResponse.make(info)
    }

    /// Ready when the store answers and the engine is driving jobs; 503 otherwise, so a load
    /// balancer or kubelet stops sending work.
    private func readiness() async throws -> Response {
        let store = await dependencies.engine.store.isReachable()
        let engine = dependencies.engine.isRunning
        let ready = store && engine
        return try JSONResponse.make(HealthJSON(status: ready ? "ready" : "not ready", store: store, engine: engine),
                                     status: ready ? .ok : .serviceUnavailable)
    }

    private func metrics() async throws -> Response {
        dependencies.metrics.refreshJobCounts(try await dependencies.engine.store.countByState())
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: dependencies.metrics.exposition())))
    }
}
