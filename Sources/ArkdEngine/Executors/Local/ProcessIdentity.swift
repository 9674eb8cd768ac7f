#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A process named so that a recycled pid is never mistaken for it: pid plus the kernel's start
/// time (clock ticks after boot, from `/proc/<pid>/stat`).
struct ProcessIdentity: Sendable, Hashable, CustomStringConvertible {
    var pid: Int32
    var startTicks: UInt64

    /// The handle text stored with the job: `local:<pid>:<start>`.
    var description: String { "local:\(pid):\(startTicks)" }

    init(pid: Int32, startTicks: UInt64) {
        self.pid = pid
        self.startTicks = startTicks
    }

    init?(handle: String) {
        let parts = handle.split(separator: ":")
        guard parts.count == 3, parts[0] == "local", let pid = Int32(parts[1]), let start = UInt64(parts[2]) else { return nil }
        self.init(pid: pid, startTicks: start)
    }

    /// The identity of a live process, or nil if there is none with that pid.
    static func current(pid: Int32) -> ProcessIdentity? {
        guard let start = startTicks(of: pid) else { return nil }
        return ProcessIdentity(pid: pid, startTicks: start)
    }

    /// True while this very process (not a later one with the same pid) exists and is not a zombie.
    var isAlive: Bool {
        guard let fields = Self.statFields(of: pid), fields.count > 19, let start = UInt64(fields[19]) else { return false }
        return start == startTicks && fields[0] != "Z"
    }

    /// The fields of `/proc/<pid>/stat` after the command name, starting with the state (field 3).
    static func statFields(of pid: Int32) -> [Substring]? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")")
        else { return nil }
        return text[text.index(after: close)...].split(separator: " ")
    }

    static func startTicks(of pid: Int32) -> UInt64? {
        guard let fields = statFields(of: pid), fields.count > 19 else { return nil }
        return UInt64(fields[19])
    }
}
