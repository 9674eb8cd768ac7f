import Foundation
import GRDB
import JobDescriptions

/// One job as the store keeps it: the description, where it is in its life, and what it produced.
public struct JobRecord: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "job"

    public var id: JobID
    /// The submitter's idempotency key (for ARC: the grid job id); a repeated key returns this job.
    public var clientKey: String?
    public var owner: String
    public var queue: String?
    public var state: JobState
    public var outcome: JobOutcome?
    public var cancelRequested: Bool
    public var stateReason: String
    public var language: DescriptionLanguage
    public var description: JobDescription
    /// The text as submitted, kept for audits and for re-validation.
    public var descriptionText: String
    public var sessionDirectory: String
    /// Where files the submitter uploads are read from (the description's directory for `arkctl run`).
    public var uploadDirectory: String?
    /// The executor's name for the running payload (pid and start time, or a pod name), so it can be
    /// found again after a restart.
    public var executorHandle: String?
    public var accounting: Accounting?
    public var createdAt: Date
    public var updatedAt: Date

    public var machine: JobStateMachine {
        JobStateMachine(state: state, outcome: outcome, cancelRequested: cancelRequested, reason: stateReason)
    }

    public var exitCode: Int? { outcome?.exitCode }
    public var failureReason: String? { state == .failed ? outcome?.reason ?? stateReason : nil }

    public init(id: JobID, clientKey: String?, owner: String, queue: String?, language: DescriptionLanguage,
                description: JobDescription, descriptionText: String, sessionDirectory: String,
                uploadDirectory: String?, now: Date) {
        self.id = id
        self.clientKey = clientKey
        self.owner = owner
        self.queue = queue
        self.state = .accepted
        self.outcome = nil
        self.cancelRequested = false
        self.stateReason = "accepted"
        self.language = language
        self.description = description
        self.descriptionText = descriptionText
        self.sessionDirectory = sessionDirectory
        self.uploadDirectory = uploadDirectory
        self.executorHandle = nil
        self.accounting = nil
        self.createdAt = now
        self.updatedAt = now
    }

    mutating func adopt(_ machine: JobStateMachine) {
        state = machine.state
        outcome = machine.outcome
        cancelRequested = machine.cancelRequested
        stateReason = machine.reason
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let clientKey = Column(CodingKeys.clientKey)
        public static let owner = Column(CodingKeys.owner)
        public static let state = Column(CodingKeys.state)
        public static let createdAt = Column(CodingKeys.createdAt)
    }
}

extension JobID: DatabaseValueConvertible {}
extension JobState: DatabaseValueConvertible {}
extension DescriptionLanguage: DatabaseValueConvertible {}
