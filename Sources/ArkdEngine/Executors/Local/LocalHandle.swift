/// The text that names a local payload, in the job store and (with a line end) in the job's pid
/// file: `local:<pid>` as the start returns it, `local:<pid>:<start ticks>` once the process's
/// start time has been read.
///
/// The start time is not read when the payload starts: while arkd is its parent the pid cannot be
/// reused (an ended child stays a zombie until arkd reaps it), so the pid alone names it, and
/// reading `/proc/<pid>/stat` of a child that is still executing cost about a third of a start.
/// It is read when observation begins and added to the pid file, for a restarted arkd; see
/// `LocalExecutor.identity(adopting:for:)` for a handle that has none.
struct LocalHandle: Hashable, CustomStringConvertible {
    var pid: Int32
    var startTicks: UInt64?

    init(pid: Int32, startTicks: UInt64? = nil) {
        self.pid = pid
        self.startTicks = startTicks
    }

    init(_ identity: ProcessIdentity) {
        self.init(pid: identity.pid, startTicks: identity.startTicks)
    }

    /// Parses `local:<pid>` or `local:<pid>:<ticks>` (decimal, nothing else); nil for anything else.
    init?(_ text: some Collection<UInt8>) {
        let prefix = Self.prefix
        guard text.starts(with: prefix) else { return nil }
        var numbers: [UInt64] = []
        var current: UInt64?
        for byte in text.dropFirst(prefix.count) {
            if byte == UInt8(ascii: ":") {
                guard let value = current else { return nil }
                numbers.append(value)
                current = nil
                continue
            }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            let (shifted, overflow) = (current ?? 0).multipliedReportingOverflow(by: 10)
            let (sum, carry) = shifted.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            guard !overflow, !carry else { return nil }
            current = sum
        }
        guard let last = current else { return nil }
        numbers.append(last)
        guard numbers.count <= 2, let pid = Int32(exactly: numbers[0]), pid > 0 else { return nil }
        self.init(pid: pid, startTicks: numbers.count == 2 ? numbers[1] : nil)
    }

    init?(_ text: String) {
        self.init(text.utf8)
    }

    /// The process this handle pins down, when its start time is known.
    var identity: ProcessIdentity? {
        startTicks.map { ProcessIdentity(pid: pid, startTicks: $0) }
    }

    var description: String {
        startTicks.map { "local:\(pid):\($0)" } ?? "local:\(pid)"
    }

    private static let prefix = Array("local:".utf8)
}
