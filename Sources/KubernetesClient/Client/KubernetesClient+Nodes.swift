extension KubernetesClient {
    /// One page of nodes, for the capacity the cluster offers. Needs `list` on nodes at cluster scope.
    public func listNodes(options: ListOptions = ListOptions()) async throws -> NodeList {
        let request = APIRequest(verb: "list", method: .GET, path: APIRequest.path(namespace: nil, resource: "nodes"),
                                 query: options.query)
        return try decode(NodeList.self, from: try await send(request), request: request)
    }
}
