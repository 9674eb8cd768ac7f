/// `core/v1 Pod`.
///
/// Items of a `PodList` come without `apiVersion` and `kind`, so both are optional; a new pod
/// carries `v1`/`Pod` so it can be posted as it is.
public struct Pod: KubernetesObject, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: PodSpec?
    public var status: PodStatus?

    public init(metadata: ObjectMeta, spec: PodSpec? = nil, status: PodStatus? = nil) {
        apiVersion = "v1"
        kind = "Pod"
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}
