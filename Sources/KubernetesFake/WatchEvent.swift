/// One change of a stored object: what the watch hub sends (after selector filtering) and what
/// the history keeps for replays, consistent paginated lists and compaction.
struct StoredChange: Sendable {
    enum Kind: String, Sendable { case added = "ADDED", modified = "MODIFIED", deleted = "DELETED" }

    let kind: Kind
    let revision: Int64
    let key: String
    let namespace: String
    /// The object after the change (for a deletion: its last state).
    let object: JSON
    /// The object before the change, to turn a selector transition into ADDED/DELETED.
    let previous: JSON?
}

/// A watch's filter: namespace (nil for all), label and field selectors.
struct WatchFilter: Sendable {
    let namespace: String?
    let labels: LabelSelector?
    let fields: FieldSelector?

    func matches(_ object: JSON) -> Bool {
        if let namespace, object.value(at: "metadata", "namespace")?.string != namespace { return false }
        if let labels, !labels.matches(object) { return false }
        if let fields, !fields.matches(object) { return false }
        return true
    }

    /// The event this filter's watcher sees for a change, or nil when it sees nothing; an object
    /// leaving the selection is DELETED for it, one entering it is ADDED.
    func event(for change: StoredChange) -> WatchEvent? {
        let now = matches(change.object)
        let before = change.previous.map(matches) ?? false
        switch change.kind {
        case .added:
            return now ? WatchEvent(type: "ADDED", object: change.object) : nil
        case .deleted:
            return now || before ? WatchEvent(type: "DELETED", object: change.object) : nil
        case .modified:
            switch (before, now) {
            case (true, true): return WatchEvent(type: "MODIFIED", object: change.object)
            case (false, true): return WatchEvent(type: "ADDED", object: change.object)
            case (true, false): return WatchEvent(type: "DELETED", object: change.object)
            case (false, false): return nil
            }
        }
    }
}

/// One line of a watch stream: `{"type": ..., "object": ...}`.
struct WatchEvent: Sendable {
    let type: String
    let object: JSON

    var line: String { JSON.object(["type": .string(type), "object": object]).text + "\n" }

    static func bookmark(revision: Int64) -> WatchEvent {
        WatchEvent(type: "BOOKMARK", object: [
            "kind": "Pod", "apiVersion": "v1",
            "metadata": ["resourceVersion": .string(String(revision)), "creationTimestamp": nil],
            "spec": ["containers": nil], "status": .object([:]),
        ])
    }

    static func expired(requested: String, oldest: Int64) -> WatchEvent {
        WatchEvent(type: "ERROR", object: [
            "kind": "Status", "apiVersion": "v1", "metadata": .object([:]), "status": "Failure",
            "message": .string("too old resource version: \(requested) (\(oldest))"), "reason": "Expired", "code": 410,
        ])
    }
}
