import GRDB

extension JobStore {
    /// One page of a listing, and where the next one starts.
    public struct JobPage: Sendable {
        public var jobs: [JobRecord]
        /// Pass to `jobs(matching:after:limit:)` for the next page; `nil` on the last page.
        public var next: Int64?
    }

    /// Jobs matching `filter` in the order they were accepted, `limit` at a time. Pages follow the
    /// row order, so jobs accepted while a client pages through are neither skipped nor repeated.
    public func jobs(matching filter: JobListFilter, after position: Int64? = nil, limit: Int) async throws -> JobPage {
        try await database.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if !filter.states.isEmpty {
                let states = filter.states.map(\.rawValue).sorted()
                conditions.append("state IN (\(databaseQuestionMarks(count: states.count)))")
                arguments += StatementArguments(states)
            }
            if let queue = filter.queue {
                conditions.append("queue = ?")
                arguments += [queue]
            }
            if let owner = filter.owner {
                conditions.append("owner = ?")
                arguments += [owner]
            }
            if let position {
                conditions.append("rowid > ?")
                arguments += [position]
            }
            let filtering = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            arguments += [limit + 1]
            let rows = try Row.fetchAll(
                db, sql: "SELECT rowid AS listPosition, * FROM job \(filtering) ORDER BY rowid LIMIT ?",
                arguments: arguments)
            let page = rows.prefix(limit)
            let jobs = try page.map { try JobRecord(row: $0) }
            let next: Int64? = rows.count > limit ? page.last?["listPosition"] : nil
            return JobPage(jobs: jobs, next: next)
        }
    }

    /// The jobs among `ids` that exist, in one read however many are asked for (scan scripts ask
    /// for thousands at once).
    public func jobs(ids: [JobID]) async throws -> [JobRecord] {
        let unique = Array(Set(ids))
        return try await database.read { db in
            var found: [JobRecord] = []
            found.reserveCapacity(unique.count)
            var start = unique.startIndex
            while start < unique.endIndex {
                let end = min(start + 500, unique.endIndex)
                found += try JobRecord.fetchAll(db, keys: unique[start..<end])
                start = end
            }
            return found
        }
    }

    /// Whether the database answers a query, for readiness checks.
    public func isReachable() async -> Bool {
        do {
            return try await database.read { db in try Int.fetchOne(db, sql: "SELECT 1") == 1 }
        } catch {
            return false
        }
    }
}
