import Foundation

/// Polls the batch status route until every job has ended: one request per round for all jobs.
struct JobFollower {
    let client: ArkdClient
    var interval: Duration = .seconds(1)

    func waitForEnds(_ ids: [String]) async throws -> [RemoteStatus] {
        var ended: [String: RemoteStatus] = [:]
        while true {
            let pending = ids.filter { ended[$0] == nil }
            if pending.isEmpty { return ids.compactMap { ended[$0] } }
            let answer = try await client.status(pending)
            for status in answer.jobs where ["finished", "failed", "killed", "deleted"].contains(status.state) {
                ended[status.id] = status
            }
            if let lost = answer.unknown.first {
                throw ArkdClientError(status: 404, code: "not_found", message: "job \(lost) is no longer known to arkd")
            }
            if ids.contains(where: { ended[$0] == nil }) { try await Task.sleep(for: interval) }
        }
    }
}

/// The shell's view of a remote job's end, as `arkctl run` reports a local one.
enum RemoteExitStatus {
    static func of(_ status: RemoteStatus) -> Int32 {
        switch status.state {
        case "finished":
            let code = status.exitCode ?? 0
            return Int32(code >= 256 ? 128 + (code - 256) : code)
        case "killed": return 130
        default: return 125
        }
    }
}
