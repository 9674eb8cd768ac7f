import Foundation

/// Resident memory of a process and all its descendants, read from `/proc`, so a job cannot escape
/// its memory limit by forking.
enum ProcessTreeMemory {
    /// Sum of VmRSS over the tree rooted at `pid`, in KiB; nil when the root is gone.
    static func residentKiB(root pid: Int32) -> Int? {
        guard let own = residentKiB(of: pid) else { return nil }
        var total = own
        var pending = children(of: pid)
        var visited: Set<Int32> = [pid]
        while let next = pending.popLast(), visited.count < 100_000 {
            guard visited.insert(next).inserted else { continue }
            total += residentKiB(of: next) ?? 0
            pending += children(of: next)
        }
        return total
    }

    private static func residentKiB(of pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Int(line.dropFirst("VmRSS:".count).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "") ?? 0
        }
        return 0
    }

    private static func children(of pid: Int32) -> [Int32] {
        guard let tasks = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task") else { return [] }
        var result: [Int32] = []
        for task in tasks {
            guard let text = try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8) else { continue }
            result += text.split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        return result
    }
}
