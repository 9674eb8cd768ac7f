import Foundation

/// What `arkctl watch` shows: the jobs still under way and those that ended while watching, and
/// the state changes between two looks at the daemon.
struct JobBoard {
    struct Row {
        var id: String
        var name: String
        var queue: String
        var state: String
        var exitCode: Int?
        var reason: String?
        /// When this watch first saw the job in its current state.
        var since: Date
        var ended: Bool
    }

    struct Change {
        var id: String
        var name: String
        var from: String?
        var to: String
        var exitCode: Int?
        var reason: String?
    }

    private(set) var rows: [String: Row] = [:]
    /// Ended jobs stay on the board this long, so a change is seen before it scrolls away.
    var keepEnded: TimeInterval = 60

    /// The ids seen under way that were not in the latest listing: they ended (or were deleted)
    /// and are asked about by id.
    func vanished(from active: [RemoteJob]) -> [String] {
        let listed = Set(active.map(\.id))
        return rows.values.filter { !$0.ended && !listed.contains($0.id) }.map(\.id).sorted()
    }

    /// Folds in one look at the daemon: the jobs under way, and the status of those that vanished.
    mutating func update(active: [RemoteJob], ended: [RemoteStatus], unknown: [String], now: Date) -> [Change] {
        var changes: [Change] = []
        for job in active {
            let previous = rows[job.id]
            if previous?.state != job.state {
                changes.append(Change(id: job.id, name: job.name ?? "", from: previous?.state, to: job.state,
                                      exitCode: job.exitCode, reason: job.reason))
            }
            rows[job.id] = Row(id: job.id, name: job.name ?? "", queue: job.queue ?? "-", state: job.state,
                               exitCode: job.exitCode, reason: job.reason,
                               since: previous?.state == job.state ? previous?.since ?? now : now, ended: false)
        }
        for status in ended {
            guard var row = rows[status.id], row.state != status.state || !row.ended else { continue }
            changes.append(Change(id: status.id, name: row.name, from: row.state, to: status.state,
                                  exitCode: status.exitCode, reason: status.reason))
            row.state = status.state
            row.exitCode = status.exitCode
            row.reason = status.reason
            row.since = now
            row.ended = true
            rows[status.id] = row
        }
        for id in unknown { rows[id] = nil }
        rows = rows.filter { !$0.value.ended || now.timeIntervalSince($0.value.since) < keepEnded }
        return changes
    }

    /// Jobs under way (oldest state first), then the ended ones (latest first).
    var ordered: [Row] {
        let active = rows.values.filter { !$0.ended }.sorted { ($0.since, $0.id) < ($1.since, $1.id) }
        let ended = rows.values.filter(\.ended).sorted { ($0.since, $0.id) > ($1.since, $1.id) }
        return active + ended
    }
}
