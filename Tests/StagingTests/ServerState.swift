/// What the test server has seen: per-key request counts (for fail-then-succeed endpoints), the
/// bodies of PUT uploads, and the most requests it handled at once.
actor ServerState {
    private var counts: [String: Int] = [:]
    private(set) var uploads: [String: [UInt8]] = [:]
    private var inFlight = 0
    private(set) var maxInFlight = 0

    /// Counts a request for `key` and returns how many there have been, this one included.
    func hit(_ key: String) -> Int {
        counts[key, default: 0] += 1
        return counts[key, default: 0]
    }

    func count(_ key: String) -> Int { counts[key, default: 0] }

    func store(_ name: String, _ bytes: [UInt8]) { uploads[name] = bytes }

    func enter() {
        inFlight += 1
        maxInFlight = max(maxInFlight, inFlight)
    }

    func leave() { inFlight -= 1 }
}
