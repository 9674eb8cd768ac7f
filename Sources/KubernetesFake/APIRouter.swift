import Foundation
import Synchronization

/// Turns each request into an answer: request log and injected faults first, then
/// authentication, authorization and the resource handlers, in the API server's order.
final class APIRouter: Sendable {
    let store: ClusterStore
    let kubelet: ScriptedKubelet
    let faults: FaultInjector
    let watchTiming: WatchTiming
    private let tokens = Mutex<[String: Identity]>([:])
    private let certificateUsers = Mutex<[String: Identity]>([:])

    init(store: ClusterStore, kubelet: ScriptedKubelet, faults: FaultInjector, watchTiming: WatchTiming) {
        self.store = store
        self.kubelet = kubelet
        self.faults = faults
        self.watchTiming = watchTiming
    }

    func register(token: String, identity: Identity) { tokens.withLock { $0[token] = identity } }

    func register(certificateUser identity: Identity) { certificateUsers.withLock { $0[identity.user] = identity } }

    /// The resource a path names: `/api/v1[/namespaces/<ns>]/<resource>[/<name>[/<subresource>]]`.
    struct ResourcePath {
        let namespace: String?
        let resource: String
        let name: String?
        let subresource: String?

        init?(_ path: String) {
            var segments = path.split(separator: "/").map(String.init)
            guard segments.count >= 3, segments[0] == "api", segments[1] == "v1" else { return nil }
            segments.removeFirst(2)
            if segments[0] == "namespaces", segments.count >= 3 {
                namespace = segments[1]
                segments.removeFirst(2)
            } else {
                namespace = nil
            }
            guard segments.count <= 3 else { return nil }
            resource = segments[0]
            name = segments.count > 1 ? segments[1] : nil
            subresource = segments.count > 2 ? segments[2] : nil
        }

        /// The authorization resource (`pods/log`).
        var authorizationResource: String { subresource.map { "\(resource)/\($0)" } ?? resource }

        func verb(method: String, watch: Bool) -> String {
            switch method {
            case "GET": name == nil ? (watch ? "watch" : "list") : (watch ? "watch" : "get")
            case "POST": "create"
            case "PUT": "update"
            case "PATCH": "patch"
            case "DELETE": name == nil ? "deletecollection" : "delete"
            default: method.lowercased()
            }
        }
    }

    static func isWatch(_ request: FakeRequest) -> Bool {
        ["true", "1"].contains(request.query["watch"]?.lowercased() ?? "")
    }

    func handle(_ request: FakeRequest) async -> FakeResponse {
        let resourcePath = ResourcePath(request.path)
        let watch = Self.isWatch(request)
        let verb = resourcePath?.verb(method: request.method, watch: watch) ?? request.method.lowercased()
        let pod = resourcePath.flatMap { $0.resource == "pods" ? $0.name : nil }
        faults.record(RecordedRequest(method: request.method, path: request.path, query: request.rawQuery, verb: verb, pod: pod))
        switch faults.fault(method: request.method, path: request.path) {
        case .tooManyRequests(let seconds)?:
            return .full(status: 429, headers: [("Content-Type", "text/plain; charset=utf-8"), ("Retry-After", String(seconds))],
                         body: Data("Too many requests, please try again later.\n".utf8))
        case .serverError(let status)?:
            let reason = [500: "InternalError", 503: "ServiceUnavailable", 504: "Timeout"][status] ?? "InternalError"
            return .error(StatusError(code: status, reason: reason, message: "injected failure (\(status))"))
        case .dropConnection?:
            return .drop
        case nil:
            break
        }
        let identity: Identity
        do {
            identity = try authenticate(request)
        } catch {
            return .error(error)
        }
        guard let resourcePath else { return await Discovery.answer(request, identity: identity) }
        if !identity.allows(verb, resourcePath.authorizationResource, namespace: resourcePath.namespace) {
            return .error(.forbidden(user: identity.user, verb: verb, resource: resourcePath.authorizationResource,
                                     name: resourcePath.name, namespace: resourcePath.namespace))
        }
        do {
            return try await route(request, resourcePath, identity: identity)
        } catch {
            return .error(error)
        }
    }

    private func authenticate(_ request: FakeRequest) throws(StatusError) -> Identity {
        if let authorization = request.header("Authorization") {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer",
                  let identity = tokens.withLock({ $0[String(parts[1])] })
            else { throw .unauthorized }
            return identity
        }
        if let certificate = request.certificateIdentity {
            if certificate.groups.contains("system:masters") {
                return Identity(user: certificate.user, groups: certificate.groups + ["system:authenticated"], rules: [])
            }
            return certificateUsers.withLock { $0[certificate.user] }
                ?? Identity(user: certificate.user, groups: certificate.groups + ["system:authenticated"], rules: [])
        }
        return .anonymous
    }

    private func route(_ request: FakeRequest, _ path: ResourcePath, identity: Identity) async throws(StatusError) -> FakeResponse {
        switch (path.resource, path.name, path.subresource, request.method) {
        case ("pods", nil, nil, "GET"):
            return Self.isWatch(request) ? try await watchPods(request, namespace: path.namespace)
                : try await listPods(request, namespace: path.namespace)
        case ("pods", nil, nil, "POST"):
            guard let namespace = path.namespace else { throw .methodNotAllowed() }
            return try await createPod(request, namespace: namespace)
        case ("pods", let name?, nil, let method):
            guard let namespace = path.namespace else { throw .unknownPath }
            switch method {
            case "GET": return try await getPod(namespace: namespace, name: name)
            case "PUT": return try await replacePod(request, namespace: namespace, name: name)
            case "PATCH": return try await patchPod(request, namespace: namespace, name: name)
            case "DELETE": return try await deletePod(request, namespace: namespace, name: name)
            default: throw .methodNotAllowed()
            }
        case ("pods", let name?, "log", "GET"):
            guard let namespace = path.namespace else { throw .unknownPath }
            return try await podLog(request, namespace: namespace, name: name)
        case ("pods", let name?, "status", "GET"):
            guard let namespace = path.namespace else { throw .unknownPath }
            return try await getPod(namespace: namespace, name: name)
        case ("nodes", nil, nil, "GET") where path.namespace == nil:
            return try await listNodes(request)
        case ("nodes", let name?, nil, "GET") where path.namespace == nil:
            guard let node = await store.nodes.first(where: { $0.value(at: "metadata", "name")?.string == name }) else {
                throw .notFound(resource: "nodes", name: name)
            }
            return .json(200, node)
        case ("namespaces", _, _, _) where path.namespace == nil:
            return try await namespaces(request, name: path.name)
        default:
            throw .unknownPath
        }
    }
}
