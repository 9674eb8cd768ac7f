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
        guard let stat = Self.stat(of: pid) else { return false }
        return stat.startTicks == startTicks && stat.state != UInt8(ascii: "Z")
    }

    static func startTicks(of pid: Int32) -> UInt64? {
        stat(of: pid)?.startTicks
    }

    /// The state (field 3) and start time (field 22) from `/proc/<pid>/stat`, read bytewise: the
    /// fields after the command name (which may hold spaces and parentheses, so the last `)` ends
    /// it) are decimal numbers and single letters separated by spaces.
    static func stat(of pid: Int32) -> (state: UInt8, startTicks: UInt64)? {
        guard let bytes = RuntimeFiles.readBytes("/proc/\(pid)/stat"),
              let close = bytes.lastIndex(of: UInt8(ascii: ")"))
        else { return nil }
        var field = -1
        var inField = false
        var state: UInt8 = 0
        var start: UInt64 = 0
        for byte in bytes[(close + 1)...] {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") {
                if inField && field == 19 { return (state, start) }
                inField = false
                continue
            }
            if !inField {
                inField = true
                field += 1
            }
            if field == 0 {
                state = byte
            } else if field == 19 {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                let (shifted, overflow) = start.multipliedReportingOverflow(by: 10)
                let (sum, carry) = shifted.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
                guard !overflow, !carry else { return nil }
                start = sum
            }
        }
        return inField && field == 19 ? (state, start) : nil
    }
}
