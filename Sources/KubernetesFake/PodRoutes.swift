import Foundation

/// Create, read, replace, patch and delete of single pods.
extension APIRouter {
    static func parseBody(_ request: FakeRequest) throws(StatusError) -> JSON {
        do {
            return try JSON(parsing: request.body)
        } catch {
            throw .badRequest("couldn't get version/kind; json parse error: \(error)")
        }
    }

    /// The field manager: `fieldManager`, else the first token of the User-Agent.
    static func manager(_ request: FakeRequest) -> String {
        if let manager = request.query["fieldManager"], !manager.isEmpty { return manager }
        let agent = request.header("User-Agent") ?? "unknown"
        return String(agent.split(separator: "/").first ?? "unknown").trimmingCharacters(in: .whitespaces)
    }

    static func isDryRun(_ request: FakeRequest) throws(StatusError) -> Bool {
        guard let dryRun = request.query["dryRun"] else { return false }
        guard dryRun == "All" else { throw .badRequest("Invalid dryRun value: \(dryRun); supported values: All") }
        return true
    }

    func createPod(_ request: FakeRequest, namespace: String) async throws(StatusError) -> FakeResponse {
        let validation = request.query["fieldValidation"] ?? "Warn"
        guard ["Strict", "Warn", "Ignore"].contains(validation) else {
            throw .badRequest("fieldValidation parameter unsupported: \(validation)")
        }
        let dryRun = try Self.isDryRun(request)
        let decoded = try PodDecoder.decode(try Self.parseBody(request))
        if validation == "Strict", !decoded.unknownFields.isEmpty {
            throw .badRequest("Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: "
                + decoded.unknownFields.map { "unknown field \"\($0)\"" }.joined(separator: ", "))
        }
        var pod = decoded.object
        if let sent = pod.value(at: "metadata", "namespace")?.string, !sent.isEmpty, sent != namespace {
            throw .badRequest("the namespace of the provided object does not match the namespace sent on the request")
        }
        guard await store.namespaces.contains(namespace) else {
            throw StatusError(code: 404, reason: "NotFound", message: "namespaces \"\(namespace)\" not found",
                              details: ["name": .string(namespace), "kind": "namespaces"])
        }
        PodDefaults.apply(to: &pod)
        let causes = PodValidation.causes(for: pod)
        if !causes.isEmpty {
            throw .invalid(kind: "Pod", name: pod.value(at: "metadata", "name")?.string ?? "", causes: causes)
        }
        let stored = try await store.create(namespace: namespace, pod: pod, manager: Self.manager(request), dryRun: dryRun)
        if !dryRun, let name = stored.value(at: "metadata", "name")?.string {
            await kubelet.podCreated(key: ClusterStore.key(namespace, name), pod: stored)
        }
        let warnings = validation == "Warn"
            ? decoded.unknownFields.map { ("Warning", "299 - \(JSON.string("unknown field \"\($0)\"").text)") } : []
        return .json(201, stored, headers: warnings)
    }

    func getPod(namespace: String, name: String) async throws(StatusError) -> FakeResponse {
        guard let pod = await store.pod(namespace, name) else { throw .notFound(resource: "pods", name: name) }
        return .json(200, pod)
    }

    func replacePod(_ request: FakeRequest, namespace: String, name: String) async throws(StatusError) -> FakeResponse {
        let decoded = try PodDecoder.decode(try Self.parseBody(request))
        let dryRun = try Self.isDryRun(request)
        let updated = try await store.update(namespace: namespace, name: name, dryRun: dryRun) { _ throws(StatusError) in
            decoded.object
        }
        return try await answerAfterUpdate(updated, namespace: namespace, name: name)
    }

    func patchPod(_ request: FakeRequest, namespace: String, name: String) async throws(StatusError) -> FakeResponse {
        let contentType = (request.header("Content-Type") ?? "").split(separator: ";").first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        } ?? ""
        guard ["application/merge-patch+json", "application/json-patch+json",
               "application/strategic-merge-patch+json"].contains(contentType)
        else { throw .unsupportedMediaType }
        let patch = try Self.parseBody(request)
        let dryRun = try Self.isDryRun(request)
        let updated = try await store.update(namespace: namespace, name: name, dryRun: dryRun) { current throws(StatusError) in
            switch contentType {
            case "application/merge-patch+json": return Patches.merge(current, with: patch)
            case "application/json-patch+json": return try Patches.jsonPatch(current, operations: patch)
            default: return try Patches.strategicMerge(current, with: patch)
            }
        }
        return try await answerAfterUpdate(updated, namespace: namespace, name: name)
    }

    private func answerAfterUpdate(_ updated: JSON, namespace: String, name: String) async throws(StatusError) -> FakeResponse {
        if await store.pod(namespace, name) == nil {
            await kubelet.podRemoved(key: ClusterStore.key(namespace, name))
        }
        return .json(200, updated)
    }

    func deletePod(_ request: FakeRequest, namespace: String, name: String) async throws(StatusError) -> FakeResponse {
        var grace: Int64?
        var uid: String?
        var dryRun = try Self.isDryRun(request)
        if !request.body.isEmpty {
            let options = try Self.parseBody(request)
            guard case .object = options else { throw .badRequest("DeleteOptions must be a JSON object") }
            if let value = options["gracePeriodSeconds"], !value.isNull {
                guard let seconds = value.int else {
                    throw .badRequest("json: cannot unmarshal \(value.text) into Go struct field DeleteOptions.gracePeriodSeconds of type int64")
                }
                grace = seconds
            }
            uid = options.value(at: "preconditions", "uid")?.string
            if options["dryRun"]?.array?.contains("All") == true { dryRun = true }
        }
        if let text = request.query["gracePeriodSeconds"] {
            guard let seconds = Int64(text) else { throw .badRequest("invalid gracePeriodSeconds: \(text)") }
            grace = seconds
        }
        let outcome = try await store.delete(namespace: namespace, name: name, graceSeconds: grace,
                                             uidPrecondition: uid, dryRun: dryRun)
        let key = ClusterStore.key(namespace, name)
        switch outcome {
        case .removed(let pod):
            if !dryRun { await kubelet.podRemoved(key: key) }
            return .json(200, pod)
        case .terminating(let pod, _):
            if !dryRun { await kubelet.podDeleting(key: key, pod: pod) }
            return .json(200, pod)
        }
    }
}
