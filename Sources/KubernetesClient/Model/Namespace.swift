/// `core/v1 Namespace`.
public struct Namespace: KubernetesObject, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var status: Status?

    public init(metadata: ObjectMeta, status: Status? = nil) {
        apiVersion = "v1"
        kind = "Namespace"
        self.metadata = metadata
        self.status = status
    }

    /// `core/v1 NamespaceStatus`.
    public struct Status: Codable, Sendable, Hashable {
        /// `Active` or `Terminating`.
        public var phase: String?

        public init(phase: String? = nil) { self.phase = phase }
    }
}
