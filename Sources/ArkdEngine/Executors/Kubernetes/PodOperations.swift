import KubernetesClient

/// The few API calls the Kubernetes executor makes per job, over the client: kept narrow so that
/// a job's whole life costs at most create, finalizer patch and delete, and so that the
/// executor's decisions can be read without the HTTP details.
protocol PodOperations: Sendable {
    func create(_ pod: Pod) async throws(PodOperationError) -> Pod
    func get(_ name: String, namespace: String) async throws(PodOperationError) -> Pod
    func delete(_ name: String, namespace: String, gracePeriodSeconds: Int?) async throws(PodOperationError)
    /// Removes only arkd's finalizer, leaving any other controller's in place.
    func removeFinalizer(_ finalizer: String, from name: String, namespace: String) async throws(PodOperationError)
    /// Streams the container's log into `path` (through a temporary name, so a partial copy is never
    /// seen under it), owned by `owner`.
    func copyLog(of name: String, namespace: String, container: String, to path: String,
                 owner: (uid: Int, gid: Int)) async throws(PodOperationError)
    /// One list+watch of the namespace's arkd pods, resuming and relisting by itself; it ends
    /// only when the task consuming it is cancelled.
    func watchPods(namespace: String, labelSelector: String) -> any AsyncSequence<PodWatchHub.Event, any Error> & Sendable
    /// Every node with what it offers and what all its pods, arkd's or not, request: two list
    /// calls at cluster scope (nodes, and pods that have not ended).
    func clusterNodes() async throws(PodOperationError) -> [NodeCapacity]
}

/// How an API call failed, in the terms the executor decides on.
enum PodOperationError: Error, Sendable, Hashable, CustomStringConvertible {
    case alreadyExists
    case notFound
    /// Worth retrying: the API server was unreachable, throttled or failing.
    case transient(String)
    /// The request itself was refused (forbidden, invalid): retrying cannot help.
    case refused(String)

    var description: String {
        switch self {
        case .alreadyExists: "the pod already exists"
        case .notFound: "the pod does not exist"
        case .transient(let message), .refused(let message): message
        }
    }
}
