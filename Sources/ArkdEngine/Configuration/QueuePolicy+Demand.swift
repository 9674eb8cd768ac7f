import JobDescriptions

extension QueuePolicy {
    /// What a job takes from its queue once the queue's defaults fill in what it leaves out.
    public struct Demand: Sendable, Hashable {
        public var cpus: Int
        /// Over all its cores.
        public var memoryMiB: Int
        public var wallTimeSeconds: Int?
    }

    /// The job's demand, or why the queue cannot take it. Checked when a job is accepted, so that
    /// a site's limits refuse a job at once whatever the executor, and again by the Kubernetes
    /// executor when it plans the pod (the site may have narrowed them since).
    public func demand(of job: JobDescription, queue: String) throws(ExecutorError) -> Demand {
        let cpus = max(job.count ?? 1, 1)
        if let maximum = maxCPUs, cpus > maximum {
            throw ExecutorError("the job asks for \(cpus) cores; queue '\(queue)' gives at most \(maximum)")
        }
        let perSlot = job.memoryMB ?? defaultMemoryMiB
        let (memory, overflow) = perSlot.multipliedReportingOverflow(by: cpus)
        if overflow || (maxMemoryMiB.map { memory > $0 } ?? false) {
            throw ExecutorError("the job asks for \(perSlot) MiB per core on \(cpus) cores; queue '\(queue)' gives at most "
                                + "\(maxMemoryMiB ?? Int.max) MiB")
        }
        let wallTime = job.wallTime ?? defaultWallTime.map { Int($0.components.seconds) }
        if let wallTime, let maximum = maxWallTime, Int64(wallTime) > maximum.components.seconds {
            throw ExecutorError("the job asks for \(wallTime) s of wall time; queue '\(queue)' gives at most "
                                + "\(maximum.components.seconds) s")
        }
        return Demand(cpus: cpus, memoryMiB: memory, wallTimeSeconds: wallTime)
    }
}
