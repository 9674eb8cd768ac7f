import Foundation
import KubernetesFake
import KubernetesFixtures

/// Pods for the tests, built from the recorded hardened arkd pod.
enum TestPods {
    /// The recorded valid pod under another name and job label.
    static func body(name: String, job: String, finalizer: Bool = true) throws -> Data {
        var pod = try JSON(parsing: try RecordedExchange.named("10-create-01-valid-pod").requestBody ?? Data())
        pod["metadata"] = [
            "name": .string(name), "namespace": "grid",
            "labels": ["app.kubernetes.io/managed-by": "arkd", "arkd.io/job": .string(job), "arkd.io/queue": "default"],
            "finalizers": finalizer ? ["arkd.io/harvest"] : [],
        ]
        return pod.serialized
    }

    /// Creates a pod and waits (through a watch, no sleeping) until its phase is `phase`.
    @discardableResult
    static func create(_ client: FakeClient, name: String, job: String, finalizer: Bool = true,
                       until phase: String? = nil) async throws -> JSON {
        let stream = try await client.watch("/api/v1/namespaces/grid/pods", query: "watch=true&fieldSelector=metadata.name%3D\(name)")
        let created = try await client.send(.POST, "/api/v1/namespaces/grid/pods", body: try body(name: name, job: job, finalizer: finalizer))
        guard created.status == 201 else { throw TestError("create \(name): \(created.status) \(created.text)") }
        guard let phase else { return created.json }
        for try await event in stream.events where event.value(at: "object", "status", "phase")?.string == phase {
            return event["object"] ?? .null
        }
        throw TestError("\(name) never reached \(phase)")
    }
}

struct TestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
