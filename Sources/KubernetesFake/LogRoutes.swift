import Foundation

/// `pods/<name>/log`: text/plain, with `container`, `tailLines`, `limitBytes`, `timestamps` and
/// the API server's 400s for unknown, waiting and never-restarted containers.
extension APIRouter {
    func podLog(_ request: FakeRequest, namespace: String, name: String) async throws(StatusError) -> FakeResponse {
        guard let pod = await store.pod(namespace, name) else { throw .notFound(resource: "pods", name: name) }
        let containers = (pod.value(at: "spec", "containers")?.array ?? []).compactMap { $0["name"]?.string }
        let container: String
        if let requested = request.query["container"], !requested.isEmpty {
            guard containers.contains(requested) else {
                throw .badRequest("container \(requested) is not valid for pod \(name)")
            }
            container = requested
        } else if containers.count == 1 {
            container = containers[0]
        } else {
            throw .badRequest("a container name must be specified for pod \(name), choose one of: [\(containers.joined(separator: " "))]")
        }
        if request.query["previous"] == "true" {
            throw .badRequest("previous terminated container \"\(container)\" in pod \"\(name)\" not found")
        }
        let status = (pod.value(at: "status", "containerStatuses")?.array ?? []).first { $0["name"]?.string == container }
        if status == nil || status?.value(at: "state", "waiting") != nil {
            let reason = status?.value(at: "state", "waiting", "reason")?.string ?? "ContainerCreating"
            throw .badRequest("container \"\(container)\" in pod \"\(name)\" is waiting to start: \(reason)")
        }
        var lines = await kubelet.log(key: ClusterStore.key(namespace, name))
        if let text = request.query["tailLines"] {
            guard let count = Int(text), count >= 0 else { throw .badRequest("invalid tailLines: \(text)") }
            lines = Array(lines.suffix(count))
        }
        let timestamps = request.query["timestamps"] == "true"
        var output = Data(lines.map { timestamps ? KubeTime.formatNanos($0.time) + " " + $0.text : $0.text }.joined().utf8)
        if let text = request.query["limitBytes"] {
            guard let limit = Int(text), limit > 0 else { throw .badRequest("invalid limitBytes: \(text)") }
            output = output.prefix(limit)
        }
        return .full(status: 200, headers: [("Content-Type", "text/plain")], body: output)
    }
}
