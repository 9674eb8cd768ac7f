import Foundation
import NIOSSL

/// An in-process Kubernetes API server for tests: real HTTP(S) on 127.0.0.1, pods kept as JSON,
/// a scripted kubelet, and switches for the failures a client has to survive.
///
/// Start one per test with ``start(_:)``, point the client at ``baseURL`` with
/// ``caCertificatePEM`` and a token from ``register(token:as:)`` (or ``kubeconfig(token:)``),
/// and call ``shutdown()`` at the end.
public final class FakeKubernetes: Sendable {
    /// Everything that is fixed for the lifetime of one fake.
    public struct Configuration: Sendable {
        /// HTTPS with a fresh test CA (the default) or plain HTTP.
        public var useTLS = true
        public var namespaces: Set<String> = ["default", "grid"]
        public var nodes: [JSON] = [FakeNode.make()]
        public var kubeletPacing: KubeletPacing = .fast
        /// Chooses each new pod's script; nil leaves the pod Pending and unscheduled.
        public var script: @Sendable (JSON) -> PodScript? = { _ in .succeeds() }
        /// How often a watch with `allowWatchBookmarks=true` gets a BOOKMARK (one more comes
        /// right before the server closes the stream).
        public var bookmarkInterval: Duration = .seconds(30)
        /// How long a watch without `timeoutSeconds` lasts.
        public var defaultWatchTimeout: Duration = .seconds(1800)
        /// 0 picks a free port.
        public var port = 0

        public init() {}
    }

    public let configuration: Configuration
    /// The port the fake listens on (kept across ``stopListening()``/``resumeListening()``).
    public let port: Int
    /// The test CA, when TLS is on.
    public let certificateAuthority: TestCertificateAuthority?
    /// A client certificate for user `kubernetes-admin` in group `system:masters`.
    public let adminCredentials: TestCertificateAuthority.KeyPair?

    private let store: ClusterStore
    private let kubelet: ScriptedKubelet
    private let faults: FaultInjector
    private let router: APIRouter
    private let server: HTTPServer

    private init(configuration: Configuration, port: Int, certificateAuthority: TestCertificateAuthority?,
                 adminCredentials: TestCertificateAuthority.KeyPair?, store: ClusterStore, kubelet: ScriptedKubelet,
                 faults: FaultInjector, router: APIRouter, server: HTTPServer) {
        self.configuration = configuration
        self.port = port
        self.certificateAuthority = certificateAuthority
        self.adminCredentials = adminCredentials
        self.store = store
        self.kubelet = kubelet
        self.faults = faults
        self.router = router
        self.server = server
    }

    /// Starts a fake listening on 127.0.0.1.
    public static func start(_ configuration: Configuration = Configuration()) async throws -> FakeKubernetes {
        let store = ClusterStore(namespaces: configuration.namespaces, nodes: configuration.nodes)
        let kubelet = ScriptedKubelet(store: store, pacing: configuration.kubeletPacing, chooser: configuration.script)
        let faults = FaultInjector()
        let router = APIRouter(store: store, kubelet: kubelet, faults: faults,
                               watchTiming: WatchTiming(bookmarkInterval: configuration.bookmarkInterval,
                                                        defaultTimeout: configuration.defaultWatchTimeout))
        var authority: TestCertificateAuthority?
        var admin: TestCertificateAuthority.KeyPair?
        var context: NIOSSLContext?
        if configuration.useTLS {
            let created = try TestCertificateAuthority()
            authority = created
            admin = try created.clientKeyPair(user: "kubernetes-admin", groups: ["system:masters"])
            context = try NIOSSLContext(configuration: created.serverTLSConfiguration())
        }
        let server = HTTPServer(tls: context) { request in await router.handle(request) }
        let port = try await server.start(port: configuration.port)
        return FakeKubernetes(configuration: configuration, port: port, certificateAuthority: authority,
                              adminCredentials: admin, store: store, kubelet: kubelet, faults: faults,
                              router: router, server: server)
    }

    /// `https://127.0.0.1:<port>` (or `http://` without TLS).
    public var baseURL: String { "\(configuration.useTLS ? "https" : "http")://127.0.0.1:\(port)" }

    /// The CA certificate a client must trust, when TLS is on.
    public var caCertificatePEM: String? { certificateAuthority?.certificatePEM }

    /// Stops listening and ends every connection; the fake cannot be restarted afterwards.
    public func shutdown() async {
        await server.stop()
    }

    // MARK: Identities

    /// Makes `token` a bearer token for `identity`.
    public func register(token: String, as identity: Identity) {
        router.register(token: token, identity: identity)
    }

    /// Issues a client certificate for a non-admin identity (its user is the certificate's CN).
    public func clientCertificate(for identity: Identity) throws -> TestCertificateAuthority.KeyPair? {
        router.register(certificateUser: identity)
        return try certificateAuthority?.clientKeyPair(user: identity.user, groups: identity.groups)
    }

    /// A kubeconfig for `kubectl` or a client: the admin certificate, or `token` when given.
    public func kubeconfig(token: String? = nil, namespace: String = "default") -> String {
        Kubeconfig.render(server: baseURL, caPEM: caCertificatePEM, token: token,
                          clientCertificate: token == nil ? adminCredentials : nil, namespace: namespace)
    }

    // MARK: Faults and request counts

    /// Answers the next `count` requests matching `matcher` with `fault` instead of normally.
    public func inject(_ fault: Fault, count: Int = 1, matching matcher: RequestMatcher = .any) {
        faults.inject(fault, count: count, matching: matcher)
    }

    public func clearFaults() { faults.clear() }

    /// Every request received since start (or ``resetRequestLog()``), faulted ones included.
    public var requests: [RecordedRequest] { faults.requests }

    public func resetRequestLog() { faults.resetRequests() }

    /// How many requests matched all the given criteria.
    public func requestCount(method: String? = nil, pathPrefix: String? = nil, verb: String? = nil,
                             pod: String? = nil) -> Int {
        requests.filter { request in
            (method.map { $0.caseInsensitiveCompare(request.method) == .orderedSame } ?? true)
                && (pathPrefix.map(request.path.hasPrefix) ?? true)
                && (verb.map { $0 == request.verb } ?? true)
                && (pod.map { $0 == request.pod } ?? true)
        }.count
    }

    /// Closes the port and every connection: the server is unreachable until ``resumeListening()``.
    public func stopListening() async { await server.stop() }

    /// Listens again on the same port.
    public func resumeListening() async throws {
        guard !server.isListening else { return }
        _ = try await server.start(port: port)
    }

    // MARK: Cluster state

    /// The current global resourceVersion.
    public var resourceVersion: Int64 { get async { await store.revision } }

    /// Simulates an etcd compaction: watches from an older resourceVersion get an in-band 410
    /// and older continue tokens an HTTP 410.
    public func compact() async { await store.compact() }

    public func pod(namespace: String, name: String) async -> JSON? { await store.pod(namespace, name) }

    /// The pod's phase and whether its containers had all terminated, at its creation and at each
    /// change of either, oldest first, each with the time the change was stored and handed to the
    /// open watches (for latency benchmarks); kept after the pod is gone.
    public func statusChanges(namespace: String, name: String) async -> [PodStatusChange] {
        await store.statusChanges(key: ClusterStore.key(namespace, name))
    }

    /// Removes a pod as if someone else had force-deleted it (one DELETED event).
    @discardableResult
    public func deletePodExternally(namespace: String, name: String) async -> Bool {
        let key = ClusterStore.key(namespace, name)
        await kubelet.podRemoved(key: key)
        return await store.removeExternally(key: key)
    }

    public func addNamespace(_ name: String) async { await store.addNamespace(name) }

    /// Appends stdout to a pod's log, besides what its script prints.
    public func appendLog(namespace: String, name: String, _ text: String) async {
        await kubelet.appendLog(key: ClusterStore.key(namespace, name), text: text)
    }

    /// With ``KubeletPacing/manual``: performs one kubelet step for every pod that has one left
    /// and returns how many pods changed.
    @discardableResult
    public func advanceKubelet() async -> Int { await kubelet.advanceAll() }

    /// With ``KubeletPacing/manual``: advances until no pod changes (at most `limit` rounds, since
    /// image-pull back-off scripts never end).
    public func settleKubelet(limit: Int = 50) async {
        for _ in 0..<limit where await kubelet.advanceAll() == 0 { return }
    }
}

/// A pod's `status.phase` and whether all its containers have terminated, as of one stored change.
public struct PodStatusChange: Sendable, Hashable {
    public let phase: String?
    public let containersTerminated: Bool
    /// When the fake stored the change and sent the watch event.
    public let at: Date

    init(_ pod: JSON) {
        phase = pod.value(at: "status", "phase")?.string
        let containers = pod.value(at: "status", "containerStatuses")?.array ?? []
        containersTerminated = !containers.isEmpty && containers.allSatisfy { $0.value(at: "state", "terminated") != nil }
        at = Date()
    }

    func same(as other: PodStatusChange) -> Bool {
        phase == other.phase && containersTerminated == other.containersTerminated
    }
}
