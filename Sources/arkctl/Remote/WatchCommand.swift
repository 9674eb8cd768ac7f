import ArgumentParser
import Foundation

/// `arkctl watch`: a live table of the jobs under way and of those ending, refreshed every few
/// seconds; on a pipe, one line per state change instead.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Show jobs changing state, live.",
        discussion: """
            On a terminal the table is redrawn after each look at the daemon (jobs under way, then \
            those that ended in the last minute). Otherwise each state change is printed as a line: \
            time, job id, name, old and new state. Stop with Ctrl-C.
            """
    )

    @Option(help: "Only jobs of this queue.")
    var queue: String?

    @Option(help: "Only jobs of this owner (admins).")
    var owner: String?

    @Option(help: "Seconds between looks at the daemon.")
    var interval: Double = 2

    @Option(help: "Stop after this many looks (default: until interrupted).")
    var count: Int?

    @Flag(help: "Print state changes as lines even on a terminal.")
    var lines = false

    @OptionGroup var server: ServerOptions

    static let underWay = "accepted,preparing,submitting,queued,running,finishing"

    func validate() throws {
        guard interval >= 0.1 else { throw ValidationError("--interval must be at least 0.1 seconds") }
        if let count, count < 1 { throw ValidationError("--count must be at least 1") }
    }

    func run() async throws {
        let table = !lines && isatty(STDOUT_FILENO) == 1
        try await server.withClient { client in
            var board = JobBoard()
            var looks = 0
            while count.map({ looks < $0 }) ?? true {
                if looks > 0 { try await Task.sleep(for: .milliseconds(Int(interval * 1000))) }
                looks += 1
                let active = try await activeJobs(client)
                let vanished = board.vanished(from: active)
                let answer = vanished.isEmpty ? RemoteStatusList(jobs: [], unknown: [])
                    : try await client.status(vanished)
                let now = Date()
                let changes = board.update(active: active, ended: answer.jobs, unknown: answer.unknown, now: now)
                let text = table ? Self.screen(board, at: now) : changes.map { Self.line($0, at: now) + "\n" }.joined()
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }
    }

    private func activeJobs(_ client: ArkdClient) async throws -> [RemoteJob] {
        var query: [(String, String)] = [("limit", "1000"), ("state", Self.underWay)]
        if let queue { query.append(("queue", queue)) }
        if let owner { query.append(("owner", owner)) }
        return try await client.listAll(query: query)
    }

    /// The whole screen: cursor home, clear, a summary line, then the table.
    static func screen(_ board: JobBoard, at now: Date) -> String {
        let rows = board.ordered
        let underWay = rows.filter { !$0.ended }.count
        let time = now.formatted(date: .omitted, time: .standard)
        let header = "\u{1B}[H\u{1B}[2Jarkd: \(underWay) under way, \(rows.count - underWay) ended recently (\(time))\n\n"
        let table = TextTable(header: ["ID", "STATE", "FOR", "EXIT", "QUEUE", "NAME", "REASON"], rows: rows.map { row in
            [row.id, row.state.uppercased(), duration(now.timeIntervalSince(row.since)),
             row.exitCode.map(String.init) ?? "-", row.queue, row.name, row.reason ?? ""]
        })
        return header + table.rendered
    }

    static func line(_ change: JobBoard.Change, at now: Date) -> String {
        let time = now.formatted(.iso8601.time(includingFractionalSeconds: false))
        var text = "\(time)  \(change.id)  \(change.name.isEmpty ? "-" : change.name)  \(change.from ?? "new") -> \(change.to)"
        if let exit = change.exitCode { text += "  exit \(exit)" }
        if let reason = change.reason, !reason.isEmpty { text += "  (\(reason))" }
        return text
    }

    static func duration(_ seconds: TimeInterval) -> String {
        let whole = max(0, Int(seconds))
        if whole < 60 { return "\(whole)s" }
        if whole < 3600 { return "\(whole / 60)m\(whole % 60)s" }
        return "\(whole / 3600)h\(whole % 3600 / 60)m"
    }
}
