import Foundation

/// The cluster's state: pods, nodes and namespaces as JSON, one global resourceVersion counter
/// bumped by every change, and the history of pod changes that watches replay from.
///
/// An actor, because HTTP handlers, the scripted kubelet and the test all change it concurrently
/// and every change must get its own revision in order.
actor ClusterStore {
    private(set) var revision: Int64 = 1000
    /// Watches and lists from a revision before this one are answered 410 Expired.
    private(set) var compactedRevision: Int64 = 0
    private(set) var namespaces: Set<String>
    private var pods: [String: JSON] = [:]
    private(set) var nodes: [JSON]
    private var history: [StoredChange] = []
    /// Live watchers: their filter, the revision they start after, and their event sink.
    private var watchers: [UUID: (filter: WatchFilter, after: Int64, continuation: AsyncStream<WatchEvent>.Continuation)] = [:]
    /// Every pod's phase and container ends in order, with when each was stored; kept after the pod is gone.
    private var statusChanges: [String: [PodStatusChange]] = [:]

    init(namespaces: Set<String>, nodes: [JSON]) {
        self.namespaces = namespaces
        self.nodes = nodes
    }

    static func key(_ namespace: String, _ name: String) -> String { "\(namespace)/\(name)" }

    func addNamespace(_ name: String) { namespaces.insert(name) }

    func pod(_ namespace: String, _ name: String) -> JSON? { pods[Self.key(namespace, name)] }

    func pod(key: String) -> JSON? { pods[key] }

    func statusChanges(key: String) -> [PodStatusChange] { statusChanges[key] ?? [] }

    private func bump() -> Int64 {
        revision += 1
        return revision
    }

    private func record(_ kind: StoredChange.Kind, key: String, object: JSON, previous: JSON?) {
        let namespace = object.value(at: "metadata", "namespace")?.string ?? ""
        let change = StoredChange(kind: kind, revision: revision, key: key, namespace: namespace,
                                  object: object, previous: previous)
        history.append(change)
        let status = PodStatusChange(object)
        if let previous, PodStatusChange(previous).same(as: status) {} else {
            statusChanges[key, default: []].append(status)
        }
        for (_, watcher) in watchers where change.revision > watcher.after {
            if let event = watcher.filter.event(for: change) { watcher.continuation.yield(event) }
        }
    }

    // MARK: Writes

    /// Stores a new pod (already decoded, defaulted and validated) and returns it as stored.
    func create(namespace: String, pod: JSON, manager: String, dryRun: Bool) throws(StatusError) -> JSON {
        guard namespaces.contains(namespace) else {
            throw StatusError(code: 404, reason: "NotFound", message: "namespaces \"\(namespace)\" not found",
                              details: ["name": .string(namespace), "kind": "namespaces"])
        }
        var pod = pod
        var name = pod.value(at: "metadata", "name")?.string ?? ""
        if name.isEmpty, let prefix = pod.value(at: "metadata", "generateName")?.string {
            let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
            name = prefix + String((0..<5).map { _ in alphabet.randomElement() ?? "x" })
            pod.set(["metadata", "name"], .string(name))
        }
        let key = Self.key(namespace, name)
        if pods[key] != nil { throw .alreadyExists(resource: "pods", name: name) }
        let now = KubeTime.now
        pod["kind"] = "Pod"
        pod["apiVersion"] = "v1"
        pod.set(["metadata", "namespace"], .string(namespace))
        pod.set(["metadata", "uid"], .string(KubeTime.uid()))
        pod.set(["metadata", "creationTimestamp"], .string(now))
        pod.set(["metadata", "managedFields"], [[
            "manager": .string(manager), "operation": "Update", "apiVersion": "v1", "time": .string(now),
            "fieldsType": "FieldsV1", "fieldsV1": .object([:]),
        ]])
        for field in ["deletionTimestamp", "deletionGracePeriodSeconds", "resourceVersion", "generation"] {
            pod.set(["metadata", field], nil)
        }
        if dryRun { return pod }
        pod.set(["metadata", "resourceVersion"], .string(String(bump())))
        pods[key] = pod
        record(.added, key: key, object: pod, previous: nil)
        return pod
    }

    /// Applies `change` to a stored pod; answers 409 when the result carries a resourceVersion
    /// other than the stored one (a stale PATCH or PUT). Identity fields and the status are kept
    /// (the status changes only through ``updateStatus(key:_:)``). A pod being deleted whose
    /// finalizers are now empty is removed.
    func update(namespace: String, name: String, dryRun: Bool,
                _ change: @Sendable (JSON) throws(StatusError) -> JSON) throws(StatusError) -> JSON {
        let key = Self.key(namespace, name)
        guard let current = pods[key] else { throw .notFound(resource: "pods", name: name) }
        var updated = try change(current)
        guard case .object = updated else { throw .badRequest("the object must be a JSON object") }
        let currentRevision = current.value(at: "metadata", "resourceVersion")
        if let sent = updated.value(at: "metadata", "resourceVersion"), !sent.isNull, sent != currentRevision {
            throw .conflict(resource: "pods", name: name)
        }
        for field in ["name", "namespace", "uid", "creationTimestamp", "deletionTimestamp",
                      "deletionGracePeriodSeconds", "managedFields", "resourceVersion"]
        {
            updated.set(["metadata", field], current.value(at: "metadata", field))
        }
        updated["kind"] = "Pod"
        updated["apiVersion"] = "v1"
        updated["status"] = current["status"]
        if Self.finalizers(updated).isEmpty { updated.set(["metadata", "finalizers"], nil) }
        if updated == current || dryRun { return updated }
        updated.set(["metadata", "resourceVersion"], .string(String(bump())))
        if updated.value(at: "metadata", "deletionTimestamp") != nil, Self.finalizers(updated).isEmpty {
            pods[key] = nil
            record(.deleted, key: key, object: updated, previous: current)
        } else {
            pods[key] = updated
            record(.modified, key: key, object: updated, previous: current)
        }
        return updated
    }

    /// Writes a pod changed by the kubelet or a controller, unless it changed meanwhile (then
    /// false, and the caller recomputes from the new state).
    func replace(key: String, expecting expected: JSON, with updated: JSON) -> Bool {
        guard let current = pods[key], current == expected else { return false }
        if updated == current { return true }
        var updated = updated
        updated.set(["metadata", "resourceVersion"], .string(String(bump())))
        pods[key] = updated
        record(.modified, key: key, object: updated, previous: current)
        return true
    }

    static func finalizers(_ pod: JSON) -> [JSON] { pod.value(at: "metadata", "finalizers")?.array ?? [] }

    static func isFinished(_ pod: JSON) -> Bool {
        ["Succeeded", "Failed"].contains(pod.value(at: "status", "phase")?.string ?? "")
    }

    /// What a DELETE did, so that the kubelet can stop a running pod.
    enum DeleteOutcome: Sendable {
        case removed(JSON)
        case terminating(JSON, graceSeconds: Int64)
    }

    /// Starts or completes a pod's deletion as the API server does: a pod that has finished or was
    /// never scheduled gets grace 0; with grace 0 and no finalizers it is gone at once; otherwise
    /// it gets `deletionTimestamp` (+grace) and stays for the kubelet and the finalizers.
    func delete(namespace: String, name: String, graceSeconds requested: Int64?, uidPrecondition: String?,
                dryRun: Bool) throws(StatusError) -> DeleteOutcome {
        let key = Self.key(namespace, name)
        guard let current = pods[key] else { throw .notFound(resource: "pods", name: name) }
        let uid = current.value(at: "metadata", "uid")?.string ?? ""
        if let uidPrecondition, uidPrecondition != uid {
            throw .uidPrecondition(kind: "Pod", name: name, expected: uidPrecondition, actual: uid)
        }
        if let existing = current.value(at: "metadata", "deletionGracePeriodSeconds")?.int,
           current.value(at: "metadata", "deletionTimestamp") != nil, (requested ?? existing) >= existing
        {
            return .terminating(current, graceSeconds: existing)
        }
        let scheduled = current.value(at: "spec", "nodeName")?.string.map { !$0.isEmpty } ?? false
        var grace = max(0, requested ?? current.value(at: "spec", "terminationGracePeriodSeconds")?.int ?? 30)
        if Self.isFinished(current) || !scheduled { grace = 0 }
        var updated = current
        updated.set(["metadata", "deletionTimestamp"], .string(KubeTime.format(Date().addingTimeInterval(Double(grace)))))
        updated.set(["metadata", "deletionGracePeriodSeconds"], .int(grace))
        if dryRun { return grace == 0 ? .removed(updated) : .terminating(updated, graceSeconds: grace) }
        updated.set(["metadata", "resourceVersion"], .string(String(bump())))
        if grace == 0, Self.finalizers(updated).isEmpty {
            pods[key] = nil
            record(.deleted, key: key, object: updated, previous: current)
            return .removed(updated)
        }
        pods[key] = updated
        record(.modified, key: key, object: updated, previous: current)
        return .terminating(updated, graceSeconds: grace)
    }

    /// The kubelet's final delete after it stopped the containers: grace 0, `deletionTimestamp`
    /// moved back to now, and the object removed unless finalizers hold it.
    func finalizeDeletion(key: String) {
        guard let current = pods[key], current.value(at: "metadata", "deletionTimestamp") != nil else { return }
        var updated = current
        updated.set(["metadata", "deletionTimestamp"], .string(KubeTime.now))
        updated.set(["metadata", "deletionGracePeriodSeconds"], 0)
        updated.set(["metadata", "resourceVersion"], .string(String(bump())))
        if Self.finalizers(updated).isEmpty {
            pods[key] = nil
            record(.deleted, key: key, object: updated, previous: current)
        } else {
            pods[key] = updated
            record(.modified, key: key, object: updated, previous: current)
        }
    }

    /// Removes a pod outright, as if someone else had deleted it with grace 0 and no finalizers.
    func removeExternally(key: String) -> Bool {
        guard var current = pods[key] else { return false }
        let previous = current
        current.set(["metadata", "deletionTimestamp"], .string(KubeTime.now))
        current.set(["metadata", "deletionGracePeriodSeconds"], 0)
        current.set(["metadata", "resourceVersion"], .string(String(bump())))
        pods[key] = nil
        record(.deleted, key: key, object: current, previous: previous)
        return true
    }

    /// Marks everything up to now as compacted: older watches and continue tokens get 410.
    func compact() {
        compactedRevision = revision
    }

    // MARK: Reads

    /// The pods matching `filter` at `atRevision` (nil: now), sorted by namespace and name.
    func listPods(filter: WatchFilter, atRevision: Int64? = nil) -> [JSON] {
        var state: [String: JSON]
        if let atRevision, atRevision < revision {
            state = [:]
            for change in history where change.revision <= atRevision {
                state[change.key] = change.kind == .deleted ? nil : change.object
            }
        } else {
            state = pods
        }
        return state.keys.sorted().compactMap { state[$0] }.filter(filter.matches)
    }

    // MARK: Watches

    enum WatchStart: Sendable {
        case expired(oldest: Int64)
        case events(initial: [WatchEvent], live: AsyncStream<WatchEvent>, id: UUID)
    }

    /// Registers a watcher. From revision nil or 0: one synthetic ADDED per matching pod first;
    /// from a revision: the later changes (replayed from the history), or `.expired` when that
    /// revision was compacted away.
    func watch(filter: WatchFilter, from: Int64?) -> WatchStart {
        var initial: [WatchEvent] = []
        if let from, from != 0 {
            if from < compactedRevision { return .expired(oldest: compactedRevision) }
            for change in history where change.revision > from {
                if let event = filter.event(for: change) { initial.append(event) }
            }
        } else {
            initial = listPods(filter: filter).map { WatchEvent(type: "ADDED", object: $0) }
        }
        let (stream, continuation) = AsyncStream<WatchEvent>.makeStream()
        let id = UUID()
        watchers[id] = (filter, max(from ?? 0, revision), continuation)
        return .events(initial: initial, live: stream, id: id)
    }

    func stopWatching(_ id: UUID) {
        watchers.removeValue(forKey: id)?.continuation.finish()
    }
}
