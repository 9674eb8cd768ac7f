extension KubernetesClient {
    /// Opens a WATCH of pods and returns once the server has answered 200; the events follow as
    /// the stream is read. A non-200 answer (403, 410, …) is thrown here, not streamed.
    ///
    /// The server closes the stream after `options.timeout`; resume from the last event's (or
    /// bookmark's) resourceVersion. An ERROR event ends the stream with a `KubernetesError`:
    /// `.gone` for 410 Expired, which needs a relist. `PodListWatch` does all of this.
    public func watchPods(namespace: String? = nil, allNamespaces: Bool = false, options: WatchOptions = WatchOptions())
        async throws -> WatchStream<Pod>
    {
        let namespace = allNamespaces ? nil : self.namespace(namespace)
        let seconds = max(1, Int(min(options.timeout, self.options.maxWatchTimeout).seconds.rounded()))
        var query: [(name: String, value: String)] = [("watch", "true")]
        if options.allowBookmarks { query.append(("allowWatchBookmarks", "true")) }
        if let labelSelector = options.labelSelector { query.append(("labelSelector", labelSelector)) }
        if let fieldSelector = options.fieldSelector { query.append(("fieldSelector", fieldSelector)) }
        if let resourceVersion = options.resourceVersion { query.append(("resourceVersion", resourceVersion)) }
        query.append(("timeoutSeconds", String(seconds)))
        let request = APIRequest(verb: "watch", method: .GET, path: APIRequest.path(namespace: namespace, resource: "pods"),
                                 query: query, namespace: namespace)
        let response = try await open(request)
        return WatchStream(body: response.stream, verb: request.verb, path: request.path)
    }
}
