/// A top-level Kubernetes object: something with `metadata` that lists and watches carry.
public protocol KubernetesObject: Codable, Sendable {
    var metadata: ObjectMeta { get }
}
