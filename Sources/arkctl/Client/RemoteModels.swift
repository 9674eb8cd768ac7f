import Foundation

/// The API's JSON as the client reads it (Docs/openapi.yaml).
struct RemoteJob: Codable {
    var id: String
    var state: String
    var arcState: String
    var stateReason: String
    var owner: String
    var queue: String?
    var name: String?
    var stdout: String?
    var exitCode: Int?
    var reason: String?
    var cancelRequested: Bool
    var sessionDirectory: String
    var createdAt: Date
    var updatedAt: Date

    var isTerminal: Bool { ["finished", "failed", "killed", "deleted"].contains(state) }
}

struct RemoteJobList: Codable {
    var jobs: [RemoteJob]
    var nextCursor: String?
}

struct RemoteStatus: Codable {
    var id: String
    var state: String
    var arcState: String
    var exitCode: Int?
    var reason: String?
    var accounting: RemoteAccounting?
}

/// What a job used, in the API's `Accounting` shape: read for the `.diag` that `arkctl arc scan`
/// completes, written by `arkctl run --json`.
struct RemoteAccounting: Codable {
    var startedAt: Date?
    var endedAt: Date?
    var wallSeconds: Double?
    var userCPUSeconds: Double?
    var systemCPUSeconds: Double?
    var maxResidentKiB: Int?
    var nodeName: String?
    var image: String?
}

struct RemoteStatusList: Codable {
    var jobs: [RemoteStatus]
    var unknown: [String]
}

struct RemoteEvents: Codable {
    struct Event: Codable {
        var from: String?
        var to: String
        var reason: String
        var at: Date
    }

    var id: String
    var events: [Event]
}

struct RemoteInfo: Codable {
    struct Queue: Codable {
        var name: String
        var isDefault: Bool
    }

    struct Node: Codable {
        var name: String
        var cpus: Double
        var memoryMiB: Int
        var pods: Int
        var usedCPUs: Double
        var schedulable: Bool
    }

    var executor: String
    var queues: [Queue]
    var capacity: Int
    var load: [String: Int]
    var nodes: [Node]?
    var nodesError: String?
}

struct RemoteFinding: Codable {
    var line: Int
    var column: Int
    var message: String
    var severity: String
}

struct RemoteErrorBody: Codable {
    struct Detail: Codable {
        var code: String
        var message: String
    }

    var error: Detail
    var errors: [RemoteFinding]?
}
