import ArkdEngine
import Foundation

/// The few fields a CE's scan script needs per job, so a batch of thousands stays small.
struct JobStatusJSON: Codable, Sendable {
    var id: String
    var state: String
    var arcState: String
    var exitCode: Int?
    var reason: String?
    var accounting: AccountingJSON?
    var updatedAt: Date

    init(_ record: JobRecord) {
        id = record.id.rawValue
        state = record.state.rawValue
        arcState = record.state.arcName
        exitCode = record.exitCode
        reason = record.state == .finished ? nil : record.outcome?.reason
        accounting = record.accounting.map(AccountingJSON.init)
        updatedAt = record.updatedAt
    }
}

/// `POST /v1/jobs/status` in and out.
struct StatusRequestJSON: Codable, Sendable {
    var ids: [String]
}

struct StatusResponseJSON: Codable, Sendable {
    var jobs: [JobStatusJSON]
    /// Ids that name no job the caller may see.
    var unknown: [String]
}
