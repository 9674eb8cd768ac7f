extension KubernetesExecutor {
    static let nodeListingLifetime: Duration = .seconds(30)

    func nodes() async throws(ExecutorError) -> [NodeCapacity] {
        let now = ContinuousClock.now
        if let cached = nodeListing.withLock({ $0 }), now - cached.at < Self.nodeListingLifetime { return cached.nodes }
        do {
            let nodes = try await operations.clusterNodes()
            nodeListing.withLock { $0 = (now, nodes) }
            return nodes
        } catch {
            let transient = if case .transient = error { true } else { false }
            throw ExecutorError("cannot list the cluster's nodes and pods: \(error)", isTransient: transient)
        }
    }
}
