/// `core/v1 Node`, for the capacity a site can offer.
public struct Node: KubernetesObject, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: NodeSpec?
    public var status: NodeStatus?

    public init(metadata: ObjectMeta, spec: NodeSpec? = nil, status: NodeStatus? = nil) {
        apiVersion = "v1"
        kind = "Node"
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}
