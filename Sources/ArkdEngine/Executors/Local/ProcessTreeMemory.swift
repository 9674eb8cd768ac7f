import Foundation

/// Memory of a process and all its descendants, read from `/proc`, so a job cannot escape its
/// memory limit by forking.
///
/// `wait4`'s `ru_maxrss` is no use here: a child started with `posix_spawn` shares arkd's address
/// space until it executes, and the kernel counts arkd's size into the child's peak.
enum ProcessTreeMemory {
    struct Sample: Sendable {
        /// Sum of resident memory over the tree now, KiB.
        var treeResidentKiB: Int
        /// The root process's own peak resident memory since it executed, KiB.
        var rootPeakKiB: Int
    }

    /// Nil when the root is gone.
    static func sample(root pid: Int32) -> Sample? {
        guard let own = fields(of: pid) else { return nil }
        var total = own.resident
        var pending = children(of: pid)
        var visited: Set<Int32> = [pid]
        while let next = pending.popLast(), visited.count < 100_000 {
            guard visited.insert(next).inserted else { continue }
            total += fields(of: next)?.resident ?? 0
            pending += children(of: next)
        }
        return Sample(treeResidentKiB: total, rootPeakKiB: own.peak)
    }

    private static func fields(of pid: Int32) -> (resident: Int, peak: Int)? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        var resident = 0
        var peak = 0
        for line in status.split(separator: "\n") {
            if line.hasPrefix("VmRSS:") { resident = kibibytes(line) } else if line.hasPrefix("VmHWM:") { peak = kibibytes(line) }
        }
        return (resident, peak)
    }

    private static func kibibytes(_ line: Substring) -> Int {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        return words.count > 1 ? Int(words[1]) ?? 0 : 0
    }

    private static func children(of pid: Int32) -> [Int32] {
        guard let tasks = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task") else { return [] }
        var result: [Int32] = []
        for task in tasks {
            guard let text = try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8) else { continue }
            result += text.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Int32($0) }
        }
        return result
    }
}
