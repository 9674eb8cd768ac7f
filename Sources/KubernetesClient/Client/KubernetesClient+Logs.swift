extension KubernetesClient {
    /// A pod's log as bytes (it is `text/plain` but not necessarily UTF-8), read whole; bounded by
    /// `limitBytes` and the client's `maxResponseBytes`. 400 when the container is still waiting.
    public func podLog(name: String, namespace: String? = nil, options: PodLogOptions = PodLogOptions()) async throws
        -> [UInt8]
    {
        var options = options
        options.follow = false
        let response = try await send(logRequest(name: name, namespace: namespace, options: options))
        return Array(response.body.readableBytesView)
    }

    /// A pod's log as it arrives; with `follow` the stream stays open while the container runs.
    public func streamPodLog(name: String, namespace: String? = nil, options: PodLogOptions = PodLogOptions())
        async throws -> PodLogStream
    {
        let request = logRequest(name: name, namespace: namespace, options: options)
        let response = try await open(request)
        return PodLogStream(body: response.stream, verb: request.verb, path: request.path)
    }

    private func logRequest(name: String, namespace: String?, options: PodLogOptions) -> APIRequest {
        let namespace = self.namespace(namespace)
        return APIRequest(verb: "log", method: .GET,
                          path: APIRequest.path(namespace: namespace, resource: "pods", name: name, subresource: "log"),
                          query: options.query, namespace: namespace, pod: name)
    }
}
