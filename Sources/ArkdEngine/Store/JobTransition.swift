import Foundation
import GRDB

/// One step in a job's history: every state change is kept with its time and reason.
public struct JobTransition: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "transition"

    public var jobID: JobID
    /// Nil for the first entry (acceptance).
    public var fromState: JobState?
    public var toState: JobState
    public var reason: String
    public var at: Date

    public init(jobID: JobID, fromState: JobState?, toState: JobState, reason: String, at: Date) {
        self.jobID = jobID
        self.fromState = fromState
        self.toState = toState
        self.reason = reason
        self.at = at
    }

    public enum Columns {
        public static let jobID = Column(CodingKeys.jobID)
    }
}
