#if canImport(Glibc)
import Glibc
#endif

/// A process named so that a recycled pid is never mistaken for it: pid plus the kernel's start
/// time (clock ticks after boot, from `/proc/<pid>/stat`).
struct ProcessIdentity: Sendable, Hashable {
    var pid: Int32
    var startTicks: UInt64

    init(pid: Int32, startTicks: UInt64) {
        self.pid = pid
        self.startTicks = startTicks
    }

    /// The identity of a process with that pid, or nil if there is none.
    static func current(pid: Int32) -> ProcessIdentity? {
        guard let stat = Stat(pid: pid) else { return nil }
        return ProcessIdentity(pid: pid, startTicks: stat.startTicks)
    }

    /// The live process with that pid if it is a payload started with `entry` (`NAME=value`) in
    /// its environment and leads its own process group, as every payload does when it starts;
    /// nil otherwise. This recognises a payload whose start time was never recorded (arkd stopped
    /// between the spawn and the start of observation): another process that got the pid would
    /// need the job's id in its environment, i.e. be a descendant of the payload that made itself
    /// a group leader. The start time is read before and after the environment, so the answer is
    /// about one process even if the pid changes hands meanwhile.
    ///
    /// A payload that has since executed a program with an environment without the entry (e.g.
    /// `env -i`), or is caught in the middle of an exec (the new environment shows in `/proc` only
    /// once the exec is done), is not recognised; it is then reported as ended with its exit
    /// status unknown, never as a success.
    static func recognize(pid: Int32, environmentEntry entry: [UInt8]) -> ProcessIdentity? {
        guard let before = Stat(pid: pid), before.isLive, before.processGroup == pid,
              let environment = FileBytes.read("/proc/\(pid)/environ"),
              environment.split(separator: 0, omittingEmptySubsequences: true).contains(where: { $0.elementsEqual(entry) }),
              let after = Stat(pid: pid), after.startTicks == before.startTicks, after.isLive
        else { return nil }
        return ProcessIdentity(pid: pid, startTicks: before.startTicks)
    }

    /// True while this very process (not a later one with the same pid) exists and is not a zombie.
    var isAlive: Bool {
        guard let stat = Stat(pid: pid) else { return false }
        return stat.startTicks == startTicks && stat.isLive
    }

    /// The fields of `/proc/<pid>/stat` the executor needs, read bytewise: the fields after the
    /// command name (which may hold spaces and parentheses, so the last `)` ends it) are decimal
    /// numbers and single letters separated by spaces.
    struct Stat {
        /// Field 3: `R`, `S`, `Z` (zombie: ended, not reaped) and so on.
        var state: UInt8
        /// Field 5.
        var processGroup: Int32
        /// Field 22: start time in clock ticks after boot.
        var startTicks: UInt64

        var isLive: Bool { state != UInt8(ascii: "Z") && state != UInt8(ascii: "X") }

        init?(pid: Int32) {
            guard let bytes = FileBytes.read("/proc/\(pid)/stat") else { return nil }
            self.init(bytes)
        }

        init?(_ bytes: [UInt8]) {
            guard let close = bytes.lastIndex(of: UInt8(ascii: ")")) else { return nil }
            // Index after the command name: 0 = state, 2 = process group, 19 = start time.
            var field = -1
            var inField = false
            var state: UInt8 = 0
            var group: UInt64 = 0
            var start: UInt64 = 0
            for byte in bytes[(close + 1)...] {
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") {
                    if inField && field == 19 { break }
                    inField = false
                    continue
                }
                if !inField {
                    inField = true
                    field += 1
                }
                switch field {
                case 0: state = byte
                case 2: guard Self.append(digit: byte, to: &group) else { return nil }
                case 19: guard Self.append(digit: byte, to: &start) else { return nil }
                default: continue
                }
            }
            guard field >= 19, let processGroup = Int32(exactly: group) else { return nil }
            self.state = state
            self.processGroup = processGroup
            startTicks = start
        }

        /// `value * 10 + digit`; false for a byte that is not a digit or on overflow.
        private static func append(digit byte: UInt8, to value: inout UInt64) -> Bool {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return false }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, carry) = shifted.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            guard !overflow, !carry else { return false }
            value = sum
            return true
        }
    }
}
