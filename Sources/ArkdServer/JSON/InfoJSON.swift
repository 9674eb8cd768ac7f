import ArkdEngine

/// `GET /v1/info`: what the site offers and how busy it is, for `arkctl info` and ARC's
/// information system.
struct InfoJSON: Codable, Sendable {
    struct Queue: Codable, Sendable {
        var name: String
        var isDefault: Bool
        var maxCPUs: Int?
        var maxMemoryMiB: Int?
        var maxWallTimeSeconds: Int64?
    }

    var executor: String
    var queues: [Queue]
    /// Payloads that may run at once.
    var capacity: Int
    /// Jobs per state, every state listed.
    var load: [String: Int]
    /// The machines payloads run on, with everything they run (absent when they cannot be
    /// listed right now; `nodesError` says why).
    var nodes: [NodeCapacity]?
    var nodesError: String?
}

/// `/healthz` and `/readyz`.
struct HealthJSON: Codable, Sendable {
    var status: String
    var store: Bool?
    var engine: Bool?
}
