import KubernetesClient

extension ClientPodOperations {
    func clusterNodes() async throws(PodOperationError) -> [NodeCapacity] {
        try await translating {
            var nodes: [Node] = []
            var options = ListOptions()
            options.limit = 500
            repeat {
                let page = try await client.listNodes(options: options)
                nodes += page.items
                options.continueToken = page.metadata.continueToken.flatMap { $0.isEmpty ? nil : $0 }
            } while options.continueToken != nil
            var active = ListOptions()
            active.fieldSelector = "status.phase!=Succeeded,status.phase!=Failed"
            let pods = try await client.listAllPods(allNamespaces: true, options: active).items
            return Self.capacities(nodes: nodes, pods: pods)
        }
    }

    /// Sums, per node, the pods bound to it and their CPU requests (a container without a request
    /// counts its limit, as the scheduler does).
    static func capacities(nodes: [Node], pods: [Pod]) -> [NodeCapacity] {
        var podCount: [String: Int] = [:]
        var requested: [String: Double] = [:]
        for pod in pods {
            guard let node = pod.spec?.nodeName else { continue }
            podCount[node, default: 0] += 1
            for container in pod.spec?.containers ?? [] {
                let resources = container.resources
                let cpu = resources?.requests?["cpu"] ?? resources?.limits?["cpu"]
                requested[node, default: 0] += cpu.flatMap(ResourceQuantity.value) ?? 0
            }
        }
        return nodes.map { node in
            let name = node.metadata.name ?? ""
            let allocatable = node.status?.allocatable ?? node.status?.capacity ?? [:]
            let ready = node.status?.conditions?.first { $0.type == "Ready" }?.status == "True"
            return NodeCapacity(
                name: name, cpus: allocatable["cpu"].flatMap(ResourceQuantity.value) ?? 0,
                memoryMiB: Int((allocatable["memory"].flatMap(ResourceQuantity.value) ?? 0) / (1024 * 1024)),
                pods: podCount[name] ?? 0, usedCPUs: requested[name] ?? 0,
                schedulable: ready && node.spec?.unschedulable != true)
        }
    }
}
