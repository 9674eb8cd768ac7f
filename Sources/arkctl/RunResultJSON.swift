import ArkdEngine
import Foundation

/// `arkctl run --json`: one object per job with what a script needs to act on its end.
struct RunResultJSON: Encodable {
    var id: String
    var state: String
    var exitCode: Int?
    var reason: String?
    var accounting: RemoteAccounting?
    var sessionDirectory: String

    init(_ record: JobRecord) {
        id = record.id.rawValue
        state = record.state.rawValue
        exitCode = record.exitCode
        reason = record.state == .finished ? nil : record.failureReason ?? record.outcome?.reason
        accounting = record.accounting.map(RemoteAccounting.init)
        sessionDirectory = record.sessionDirectory
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(state, forKey: .state)
        try container.encode(exitCode, forKey: .exitCode)
        try container.encode(reason, forKey: .reason)
        try container.encode(accounting, forKey: .accounting)
        try container.encode(sessionDirectory, forKey: .sessionDirectory)
    }

    enum CodingKeys: String, CodingKey { case id, state, exitCode, reason, accounting, sessionDirectory }

    func line() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

extension RemoteAccounting {
    /// A job's accounting in the API's shape, for `arkctl run --json`, which has it from its own
    /// store rather than from the daemon.
    init(_ accounting: Accounting) {
        self.init(startedAt: accounting.startedAt, endedAt: accounting.endedAt, wallSeconds: accounting.wallSeconds,
                  userCPUSeconds: accounting.userCPUSeconds, systemCPUSeconds: accounting.systemCPUSeconds,
                  maxResidentKiB: accounting.maxResidentKiB, nodeName: accounting.nodeName, image: accounting.image)
    }
}
