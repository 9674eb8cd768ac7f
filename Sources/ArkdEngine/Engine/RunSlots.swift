/// The engine's bound on payloads running at once, where a job waiting for a slot is only its id
/// in a queue, not a suspended driver task.
///
/// A waiting driver kept its whole async stack (heaptrack: 140 MB for 3,000 queued jobs, ~47 KB
/// each), so 10,000 queued jobs cost half a gigabyte; parked ids cost a few bytes each. A driver that finds
/// no free slot ends; when a slot frees, it goes to the longest-parked job, whose driver is then
/// started again through `wake` and resumes from the store.
actor RunSlots {
    let limit: Int
    private var inUse = 0
    private var parked: [JobID] = []
    /// Jobs handed a slot while they had no driver; their next driver takes it.
    private var granted: Set<JobID> = []
    private let wake: @Sendable (JobID) -> Void

    init(limit: Int, wake: @escaping @Sendable (JobID) -> Void) {
        self.limit = max(1, limit)
        self.wake = wake
    }

    /// Takes the slot handed to this job while it had no driver, if there is one.
    func takeGrant(_ id: JobID) -> Bool {
        granted.remove(id) != nil
    }

    /// Takes a free slot (or the one handed to this job while it was parked); false when the job
    /// must park.
    func tryAcquire(_ id: JobID) -> Bool {
        if granted.remove(id) != nil { return true }
        guard inUse < limit, parked.isEmpty else { return false }
        inUse += 1
        return true
    }

    /// Queues a job whose driver has ended for want of a slot (called after the driver gave up its
    /// claim on the job). A slot freed meanwhile goes to it at once.
    func park(_ id: JobID) {
        if inUse < limit, parked.isEmpty {
            inUse += 1
            hand(to: id)
        } else {
            parked.append(id)
        }
    }

    /// Returns a slot, handing it straight to the longest-parked job if there is one.
    func release() {
        if parked.isEmpty {
            inUse = max(0, inUse - 1)
        } else {
            hand(to: parked.removeFirst())
        }
    }

    private func hand(to id: JobID) {
        granted.insert(id)
        wake(id)
    }
}
