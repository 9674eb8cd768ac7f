@testable import arkctl
import Foundation
import Testing

@Suite("arkctl watch: the board of jobs changing state")
struct JobBoardTests {
    static func job(_ id: String, _ state: String) -> RemoteJob {
        RemoteJob(id: id, state: state, arcState: state.uppercased(), stateReason: "", owner: "alice", queue: "grid",
                  name: "job-\(id)", stdout: nil, exitCode: nil, reason: nil, cancelRequested: false,
                  sessionDirectory: "/s/\(id)", createdAt: Date(), updatedAt: Date())
    }

    @Test("new jobs, changes, ends learnt by id, forgotten jobs and ended rows that age out")
    func changes() {
        var board = JobBoard()
        let start = Date(timeIntervalSince1970: 1_000_000)
        let first = board.update(active: [Self.job("a", "queued"), Self.job("b", "running")], ended: [], unknown: [],
                                 now: start)
        #expect(first.map { "\($0.id):\($0.from ?? "new")>\($0.to)" } == ["a:new>queued", "b:new>running"])

        let active = [Self.job("a", "running")]
        #expect(board.vanished(from: active) == ["b"])
        let second = board.update(active: active,
                                  ended: [RemoteStatus(id: "b", state: "failed", arcState: "FAILED", exitCode: 3, reason: "exit 3")],
                                  unknown: [], now: start + 5)
        #expect(second.map { "\($0.id):\($0.from ?? "new")>\($0.to)" } == ["a:queued>running", "b:running>failed"])
        #expect(board.ordered.map(\.id) == ["a", "b"])
        #expect(board.ordered.last?.ended == true && board.ordered.last?.exitCode == 3)

        let quiet = board.update(active: [Self.job("a", "running")], ended: [], unknown: [], now: start + 10)
        #expect(quiet.isEmpty)
        #expect(board.rows["a"]?.since == start + 5)

        _ = board.update(active: [], ended: [], unknown: ["a"], now: start + 70)
        #expect(board.rows.isEmpty, "a was forgotten by the daemon and b ended over a minute ago")
    }

    @Test("a change reads as one line; durations are short")
    func rendering() {
        let change = JobBoard.Change(id: "abc", name: "hello", from: "running", to: "finished", exitCode: 0, reason: nil)
        #expect(WatchCommand.line(change, at: Date()).hasSuffix("  abc  hello  running -> finished  exit 0"))
        #expect(WatchCommand.duration(59) == "59s" && WatchCommand.duration(61) == "1m1s" && WatchCommand.duration(7322) == "2h2m")
    }
}
