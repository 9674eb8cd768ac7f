import Foundation
import GRDB
import JobDescriptions

/// The record of every job (DESIGN §6): SQLite in WAL mode, one transaction per state change, so a
/// crash at any instant leaves each job in a state it really reached.
public final class JobStore: Sendable {
    let database: DatabasePool

    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        database = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(database)
    }

    /// What `submit` did: stored a new job, or found the one an earlier submission with the same
    /// client key created.
    public struct Submission: Sendable {
        public var job: JobRecord
        public var created: Bool
    }

    /// Stores an accepted job, or returns the existing one for a repeated client key. The job exists
    /// once this returns: the id is handed out only after the commit.
    public func submit(_ record: JobRecord) async throws -> Submission {
        try await database.write { db in try Self.insert(record, db) }
    }

    /// Stores many accepted jobs in one transaction (bulk imports, benchmarks): all of them or, if
    /// any insert fails, none. Each record is handled as `submit` handles it, in order, so a client
    /// key repeated within the batch returns the job its first occurrence created.
    public func submit(contentsOf records: [JobRecord]) async throws -> [Submission] {
        try await database.write { db in
            var submissions: [Submission] = []
            submissions.reserveCapacity(records.count)
            for record in records {
                submissions.append(try Self.insert(record, db))
            }
            return submissions
        }
    }

    private static func insert(_ record: JobRecord, _ db: Database) throws -> Submission {
        if let key = record.clientKey,
           let existing = try JobRecord.filter(JobRecord.Columns.clientKey == key).fetchOne(db) {
            return Submission(job: existing, created: false)
        }
        try record.insert(db)
        try JobTransition(jobID: record.id, fromState: nil, toState: .accepted, reason: record.stateReason,
                          at: record.createdAt).insert(db)
        return Submission(job: record, created: true)
    }

    /// What `apply` did to a job.
    public struct Applied: Sendable {
        public var job: JobRecord
        public var action: JobAction
    }

    /// Runs `event` through the job's state machine and commits the result (and `update`, which
    /// may record what the event carried, such as accounting) in one transaction, before the caller
    /// acts on the returned action. A rejected event changes nothing.
    public func apply(_ event: JobEvent, to id: JobID, now: Date = Date(),
                      update: @Sendable (inout JobRecord) -> Void = { _ in }) async throws -> Applied {
        try await database.write { db in
            guard var record = try JobRecord.fetchOne(db, key: id) else { throw JobStoreError.unknownJob(id) }
            var machine = record.machine
            let before = record.state
            let action = machine.handle(event)
            if case .reject = action { return Applied(job: record, action: action) }
            record.adopt(machine)
            update(&record)
            record.updatedAt = now
            try record.update(db)
            if record.state != before {
                try JobTransition(jobID: id, fromState: before, toState: record.state, reason: record.stateReason,
                                  at: now).insert(db)
            }
            return Applied(job: record, action: action)
        }
    }

    /// Changes fields that are not the job's state (executor handle, accounting) in one transaction.
    @discardableResult
    public func modify(_ id: JobID, now: Date = Date(), _ change: @Sendable (inout JobRecord) -> Void) async throws -> JobRecord {
        try await database.write { db in
            guard var record = try JobRecord.fetchOne(db, key: id) else { throw JobStoreError.unknownJob(id) }
            let state = record.state
            change(&record)
            record.state = state
            record.updatedAt = now
            try record.update(db)
            return record
        }
    }

    public func job(_ id: JobID) async throws -> JobRecord? {
        try await database.read { db in try JobRecord.fetchOne(db, key: id) }
    }

    public func job(clientKey: String) async throws -> JobRecord? {
        try await database.read { db in try JobRecord.filter(JobRecord.Columns.clientKey == clientKey).fetchOne(db) }
    }

    /// Jobs in any of `states`, oldest first.
    public func jobs(in states: Set<JobState>, limit: Int? = nil) async throws -> [JobRecord] {
        try await database.read { db in
            try JobRecord.filter(states.map(\.rawValue).contains(JobRecord.Columns.state))
                .order(JobRecord.Columns.createdAt, JobRecord.Columns.id)
                .limit(limit ?? -1)
                .fetchAll(db)
        }
    }

    /// Jobs that have not ended, for the engine to resume after a start.
    public func unfinishedJobs() async throws -> [JobRecord] {
        try await jobs(in: Set(JobState.allCases.filter { !$0.isTerminal }))
    }

    public func history(of id: JobID) async throws -> [JobTransition] {
        try await database.read { db in
            try JobTransition.filter(JobTransition.Columns.jobID == id).order(Column("sequence")).fetchAll(db)
        }
    }

    /// Number of jobs per state.
    public func countByState() async throws -> [JobState: Int] {
        try await database.read { db in
            var counts: [JobState: Int] = [:]
            let rows = try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM job GROUP BY state")
            for row in rows {
                if let state = JobState(rawValue: row["state"]) { counts[state] = row["n"] }
            }
            return counts
        }
    }
}
