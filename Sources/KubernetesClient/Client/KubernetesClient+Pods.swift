import Foundation

extension KubernetesClient {
    /// Creates `pod` in `namespace` (default: the configuration's), with `fieldValidation=Strict`
    /// so a misspelt field is an error (400) instead of being dropped.
    ///
    /// A pod with a fixed name is retried after transient failures; if an earlier attempt had
    /// succeeded, the repeat throws `.alreadyExists` with `attempts > 1`, and the caller decides
    /// whether the existing pod is its own. A pod with only `generateName` is retried only when the
    /// server certainly did not create it.
    public func createPod(_ pod: Pod, namespace: String? = nil, dryRun: Bool = false) async throws
        -> CreatedObject<Pod>
    {
        let namespace = self.namespace(namespace ?? pod.metadata.namespace)
        var query: [(name: String, value: String)] = [("fieldValidation", "Strict")]
        if dryRun { query.append(("dryRun", "All")) }
        let request = APIRequest(
            verb: "create", method: .POST, path: APIRequest.path(namespace: namespace, resource: "pods"), query: query,
            body: try KubernetesJSON.encode(pod), repeatability: pod.metadata.name == nil ? .createGenerated : .createNamed,
            namespace: namespace, pod: pod.metadata.name ?? pod.metadata.generateName)
        let response = try await send(request)
        return CreatedObject(object: try decode(Pod.self, from: response, request: request), warnings: response.warnings,
                             attempts: response.attempts)
    }

    /// Reads one pod; `.notFound` when it does not exist.
    public func getPod(name: String, namespace: String? = nil) async throws -> Pod {
        let namespace = self.namespace(namespace)
        let request = APIRequest(verb: "get", method: .GET,
                                 path: APIRequest.path(namespace: namespace, resource: "pods", name: name),
                                 namespace: namespace, pod: name)
        return try decode(Pod.self, from: try await send(request), request: request)
    }

    /// One page of pods in `namespace`; `allNamespaces` lists the whole cluster instead.
    public func listPods(namespace: String? = nil, allNamespaces: Bool = false, options: ListOptions = ListOptions())
        async throws -> PodList
    {
        let namespace = allNamespaces ? nil : self.namespace(namespace)
        let request = APIRequest(verb: "list", method: .GET, path: APIRequest.path(namespace: namespace, resource: "pods"),
                                 query: options.query, namespace: namespace)
        return try decode(PodList.self, from: try await send(request), request: request)
    }

    /// Every pod matching `options`, read in pages of `pageSize`; the result's resourceVersion is
    /// the first page's, which every page shares, so a watch can start from it.
    public func listAllPods(namespace: String? = nil, allNamespaces: Bool = false, options: ListOptions = ListOptions(),
                            pageSize: Int = 500) async throws -> PodList {
        var pageOptions = options
        pageOptions.limit = pageSize
        var first = try await listPods(namespace: namespace, allNamespaces: allNamespaces, options: pageOptions)
        while let token = first.metadata.continueToken, !token.isEmpty {
            pageOptions.continueToken = token
            pageOptions.resourceVersion = nil
            pageOptions.resourceVersionMatch = nil
            let page = try await listPods(namespace: namespace, allNamespaces: allNamespaces, options: pageOptions)
            first.items += page.items
            first.metadata.continueToken = page.metadata.continueToken
        }
        first.metadata.remainingItemCount = nil
        return first
    }

    /// Deletes a pod and returns it as the server left it: with `deletionTimestamp` set, and
    /// still there while finalizers hold it. `.conflict` when a precondition does not match.
    @discardableResult
    public func deletePod(name: String, namespace: String? = nil, options: DeleteOptions = DeleteOptions())
        async throws -> Pod
    {
        let namespace = self.namespace(namespace)
        let request = APIRequest(verb: "delete", method: .DELETE,
                                 path: APIRequest.path(namespace: namespace, resource: "pods", name: name),
                                 body: try KubernetesJSON.encode(options), namespace: namespace, pod: name)
        return try decode(Pod.self, from: try await send(request), request: request)
    }

    /// Patches a pod with a document of the given type; returns the pod after the patch.
    @discardableResult
    public func patchPod(name: String, namespace: String? = nil, patch: JSONValue, type: PatchType = .merge)
        async throws -> Pod
    {
        let namespace = self.namespace(namespace)
        let request = APIRequest(verb: "patch", method: .PATCH,
                                 path: APIRequest.path(namespace: namespace, resource: "pods", name: name),
                                 body: try KubernetesJSON.encode(patch), contentType: type.rawValue,
                                 namespace: namespace, pod: name)
        return try decode(Pod.self, from: try await send(request), request: request)
    }

    /// Removes one finalizer and leaves any others, with a strategic merge patch
    /// (`$deleteFromPrimitiveList/finalizers`), so it needs no read first and cannot drop a
    /// finalizer someone else added meanwhile. Needs the `patch` verb on pods.
    @discardableResult
    public func removeFinalizer(_ finalizer: String, fromPod name: String, namespace: String? = nil) async throws -> Pod {
        try await patchPod(name: name, namespace: namespace,
                           patch: .object(["metadata": .object([
                               "$deleteFromPrimitiveList/finalizers": .array([.string(finalizer)]),
                           ])]),
                           type: .strategicMerge)
    }
}
