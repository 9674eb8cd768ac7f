/// A configuration that cannot be used: a missing kubeconfig entry, an unreadable file, an
/// in-cluster environment that is not one. The message names the entry or path.
public struct KubernetesConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String

    init(_ message: String) { self.message = message }

    public var description: String { "Kubernetes configuration: \(message)" }
}
