import ArkdEngine
import Foundation

/// A job as the API shows it. Field names are part of the API (see openapi.yaml); fields that are
/// not known yet (exit code, accounting) are left out.
struct JobJSON: Codable, Sendable {
    var id: String
    var state: String
    /// A-REX's name for the state (`INLRMS:R`...), for CE scripts.
    var arcState: String
    var stateReason: String
    var owner: String
    var queue: String?
    var name: String?
    var language: String
    /// The payload's standard output and error files, relative to the session directory.
    var stdout: String?
    var stderr: String?
    var clientKey: String?
    var exitCode: Int?
    /// Why the job failed or was killed.
    var reason: String?
    var cancelRequested: Bool
    var sessionDirectory: String
    var accounting: AccountingJSON?
    var createdAt: Date
    var updatedAt: Date

    init(_ record: JobRecord) {
        id = record.id.rawValue
        state = record.state.rawValue
        arcState = record.state.arcName
        stateReason = record.stateReason
        owner = record.owner
        queue = record.queue
        name = record.description.jobName
        language = record.language.rawValue
        stdout = record.description.stdout
        stderr = record.description.join ? nil : record.description.stderr
        clientKey = record.clientKey
        exitCode = record.exitCode
        reason = record.state == .finished ? nil : record.outcome?.reason
        cancelRequested = record.cancelRequested
        sessionDirectory = record.sessionDirectory
        accounting = record.accounting.map(AccountingJSON.init)
        createdAt = record.createdAt
        updatedAt = record.updatedAt
    }
}

/// What a job used, when known.
struct AccountingJSON: Codable, Sendable {
    var startedAt: Date?
    var endedAt: Date?
    var wallSeconds: Double?
    var userCPUSeconds: Double?
    var systemCPUSeconds: Double?
    var maxResidentKiB: Int?
    var nodeName: String?
    var image: String?

    init(_ accounting: Accounting) {
        startedAt = accounting.startedAt
        endedAt = accounting.endedAt
        wallSeconds = accounting.wallSeconds
        userCPUSeconds = accounting.userCPUSeconds
        systemCPUSeconds = accounting.systemCPUSeconds
        maxResidentKiB = accounting.maxResidentKiB
        nodeName = accounting.nodeName
        image = accounting.image
    }
}
