import KubernetesClient

/// `PodOperations` over arkd's own REST client.
struct ClientPodOperations: PodOperations {
    let client: KubernetesClient
    let watchOptions: PodListWatch.Options

    func create(_ pod: Pod) async throws(PodOperationError) -> Pod {
        try await translating { try await client.createPod(pod).object }
    }

    func get(_ name: String, namespace: String) async throws(PodOperationError) -> Pod {
        try await translating { try await client.getPod(name: name, namespace: namespace) }
    }

    func delete(_ name: String, namespace: String, gracePeriodSeconds: Int?) async throws(PodOperationError) {
        _ = try await translating {
            try await client.deletePod(name: name, namespace: namespace,
                                       options: DeleteOptions(gracePeriodSeconds: gracePeriodSeconds.map(Int64.init)))
        }
    }

    func removeFinalizer(_ finalizer: String, from name: String, namespace: String) async throws(PodOperationError) {
        _ = try await translating { try await client.removeFinalizer(finalizer, fromPod: name, namespace: namespace) }
    }

    func watchPods(namespace: String, labelSelector: String) -> any AsyncSequence<PodWatchHub.Event, any Error> & Sendable {
        PodListWatch(client: client, namespace: namespace, labelSelector: labelSelector, options: watchOptions)
            .map { @Sendable event -> PodWatchHub.Event in
                switch event {
                case .snapshot(let pods, _): .snapshot(pods)
                case .added(let pod), .modified(let pod): .changed(pod)
                case .deleted(let pod): .deleted(pod)
                }
            }
    }

    private func translating<T>(_ call: () async throws -> T) async throws(PodOperationError) -> T {
        do {
            return try await call()
        } catch let error as KubernetesError {
            switch error.kind {
            case .alreadyExists: throw .alreadyExists
            case .notFound: throw .notFound
            default: throw error.isTransient ? .transient(error.description) : .refused(error.description)
            }
        } catch {
            throw .transient("\(error)")
        }
    }
}
