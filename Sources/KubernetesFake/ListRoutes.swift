import Foundation

/// Lists of pods (with selectors, pagination and resourceVersion semantics), nodes and namespaces.
extension APIRouter {
    /// The opaque continue token, shaped like the API server's (base64 of
    /// `{"v":"meta.k8s.io/v1","rv":N,"start":"<key>\u0000"}`); rv -1 continues inconsistently.
    struct ContinueToken {
        let revision: Int64
        let start: String

        var encoded: String {
            let json: JSON = ["v": "meta.k8s.io/v1", "rv": .int(revision), "start": .string(start + "\u{0}")]
            return json.serialized.base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }

        init(revision: Int64, start: String) {
            self.revision = revision
            self.start = start
        }

        init(decoding text: String) throws(StatusError) {
            var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            while base64.count % 4 != 0 { base64 += "=" }
            guard let data = Data(base64Encoded: base64), let json = try? JSON(parsing: data),
                  json["v"]?.string == "meta.k8s.io/v1", let revision = json["rv"]?.int, let start = json["start"]?.string
            else { throw .badRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)") }
            self.revision = revision
            self.start = start.hasSuffix("\u{0}") ? String(start.dropLast()) : start
        }
    }

    static func selectors(_ request: FakeRequest, fields: Set<String>) throws(StatusError) -> (LabelSelector?, FieldSelector?) {
        let labels = try request.query["labelSelector"].flatMap { text throws(StatusError) -> LabelSelector? in
            text.isEmpty ? nil : try LabelSelector(parsing: text)
        }
        let fieldSelector = try request.query["fieldSelector"].flatMap { text throws(StatusError) -> FieldSelector? in
            text.isEmpty ? nil : try FieldSelector(parsing: text, supported: fields)
        }
        return (labels, fieldSelector)
    }

    static func revision(_ text: String) throws(StatusError) -> Int64 {
        guard let value = Int64(text), value >= 0 else {
            throw StatusError(code: 400, reason: "BadRequest", message: "Invalid value: \"\(text)\": invalid resource version")
        }
        return value
    }

    /// Items of a list carry neither `kind` nor `apiVersion`.
    static func listItem(_ object: JSON) -> JSON {
        var item = object
        item["kind"] = nil
        item["apiVersion"] = nil
        return item
    }

    func listPods(_ request: FakeRequest, namespace: String?) async throws(StatusError) -> FakeResponse {
        let (labels, fields) = try Self.selectors(request, fields: FieldSelector.podFields)
        let filter = WatchFilter(namespace: namespace, labels: labels, fields: fields)
        let current = await store.revision
        let compacted = await store.compactedRevision
        var atRevision: Int64?
        var start: String?
        if let text = request.query["continue"], !text.isEmpty {
            let token = try ContinueToken(decoding: text)
            if token.revision != -1, token.revision < compacted {
                throw .gone("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.",
                            continueToken: ContinueToken(revision: -1, start: token.start).encoded)
            }
            atRevision = token.revision == -1 ? nil : token.revision
            start = token.start
        } else if let text = request.query["resourceVersion"], !text.isEmpty, text != "0" {
            let requested = try Self.revision(text)
            if requested > current {
                throw .tooLargeResourceVersion(requested: text, current: current)
            }
            if request.query["resourceVersionMatch"] == "Exact" {
                if requested < compacted { throw .gone("The resourceVersion for the provided list is too old.") }
                atRevision = requested
            }
        }
        var items = await store.listPods(filter: filter, atRevision: atRevision)
        if let start {
            items = items.filter { Self.key(of: $0) > start }
        }
        var metadata: JSON = ["resourceVersion": .string(String(atRevision ?? current))]
        if let limitText = request.query["limit"], let limit = Int(limitText), limit > 0, items.count > limit {
            let remaining = items.count - limit
            items = Array(items.prefix(limit))
            metadata["continue"] = .string(ContinueToken(revision: atRevision ?? current,
                                                         start: items.last.map(Self.key(of:)) ?? "").encoded)
            if labels == nil, fields == nil { metadata["remainingItemCount"] = .int(Int64(remaining)) }
        }
        if Self.wantsTable(request) { return .json(200, PodTable.table(items, metadata: metadata)) }
        return .json(200, ["kind": "PodList", "apiVersion": "v1", "metadata": metadata, "items": .array(items.map(Self.listItem))])
    }

    static func key(of object: JSON) -> String {
        ClusterStore.key(object.value(at: "metadata", "namespace")?.string ?? "", object.value(at: "metadata", "name")?.string ?? "")
    }

    static func wantsTable(_ request: FakeRequest) -> Bool {
        (request.header("Accept") ?? "").contains("as=Table")
    }

    func listNodes(_ request: FakeRequest) async throws(StatusError) -> FakeResponse {
        let (labels, fields) = try Self.selectors(request, fields: FieldSelector.nodeFields)
        let nodes = await store.nodes.filter { (labels?.matches($0) ?? true) && (fields?.matches($0) ?? true) }
        return .json(200, ["kind": "NodeList", "apiVersion": "v1",
                           "metadata": ["resourceVersion": .string(String(await store.revision))],
                           "items": .array(nodes.map(Self.listItem))])
    }

    func namespaces(_ request: FakeRequest, name: String?) async throws(StatusError) -> FakeResponse {
        func namespace(_ name: String) -> JSON {
            ["kind": "Namespace", "apiVersion": "v1",
             "metadata": ["name": .string(name), "labels": ["kubernetes.io/metadata.name": .string(name)]],
             "spec": ["finalizers": ["kubernetes"]], "status": ["phase": "Active"]]
        }
        let known = await store.namespaces
        switch (request.method, name) {
        case ("GET", nil):
            return .json(200, ["kind": "NamespaceList", "apiVersion": "v1",
                               "metadata": ["resourceVersion": .string(String(await store.revision))],
                               "items": .array(known.sorted().map { Self.listItem(namespace($0)) })])
        case ("GET", let name?):
            guard known.contains(name) else { throw .notFound(resource: "namespaces", name: name) }
            return .json(200, namespace(name))
        case ("POST", nil):
            let body = try Self.parseBody(request)
            guard let name = body.value(at: "metadata", "name")?.string, PodValidation.isLabel(name) else {
                throw .invalid(kind: "Namespace", name: "", causes: [.required("metadata.name", "name or generateName is required")])
            }
            guard !known.contains(name) else { throw .alreadyExists(resource: "namespaces", name: name) }
            await store.addNamespace(name)
            return .json(201, namespace(name))
        default:
            throw .methodNotAllowed()
        }
    }
}
