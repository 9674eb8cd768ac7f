/// One pass of the scan helper over A-REX's control directories (spec §3.3), apart from asking arkd:
/// `collect` finds the jobs to ask about, the caller asks arkd about all of them in one request,
/// and `finish` reports those that ended.
///
/// Nothing is written before `finish`, so a caller that cannot get an answer from arkd (down, 5xx,
/// timeout) leaves every file as it was and the next pass tries again. The caller holds each
/// directory's `ScanLock` for the whole pass.
public struct LRMSScan: Sendable {
    /// The directories scanned.
    public private(set) var directories: [ControlDirectory] = []
    /// The jobs to ask arkd about: INLRMS or CANCELING, not yet reported, with an arkd id.
    public private(set) var jobs: [ControlJob] = []
    /// What stopped a directory or a job from being scanned, one line each.
    public private(set) var problems: [String] = []

    /// Threads for the file work; the `fsync`s of many jobs then share the disk's commits.
    public static let defaultThreads = 16

    /// Lists each control directory and reads the control files of its jobs in the LRMS.
    public static func collect(_ directories: [ControlDirectory], threads: Int = defaultThreads) -> LRMSScan {
        var scan = LRMSScan()
        for directory in directories {
            do {
                let listed = try directory.jobsInLRMS()
                scan.directories.append(directory)
                let read = ParallelWork.map(listed.count, threads: threads) { index -> Result<ControlJob, ARCFileError> in
                    Result { () throws(ARCFileError) in
                        try ControlJob.read(id: listed[index].id, state: listed[index].state, in: directory)
                    }
                }
                for (index, result) in read.enumerated() {
                    switch result {
                    case .success(let job) where job.isReported:
                        continue
                    case .success(let job) where job.localID == nil:
                        scan.problems.append("job \(job.id): \(job.state.rawValue) but no arkd id in its .local or "
                                             + "GRAMI file; skipped")
                    case .success(let job):
                        scan.jobs.append(job)
                    case .failure(let error):
                        scan.problems.append("job \(listed[index].id): \(error); skipped")
                    }
                }
            } catch {
                scan.problems.append("\(directory.path): \(error)")
            }
        }
        return scan
    }

    /// The arkd ids to ask about, each once, sorted.
    public var localIDs: [String] {
        Array(Set(jobs.compactMap(\.localID))).sorted()
    }

    /// Reports every job whose arkd id has an end in `ends` (jobs without one are still queued or
    /// running), then runs `gm-kick` once per directory for the jobs whose `lrms_done` was written.
    public func finish(_ ends: [String: ARCJobEnd], finisher: JobFinisher = JobFinisher(), kick: GMKick?,
                       threads: Int = defaultThreads) -> ScanResult {
        let ended = jobs.compactMap { job in job.localID.flatMap { ends[$0] }.map { (job, $0) } }
        let reports = ParallelWork.map(ended.count, threads: threads) { index in
            finisher.finish(ended[index].0, end: ended[index].1)
        }
        var problems = reports.flatMap(\.problems)
        if let kick {
            for directory in directories {
                let ids = reports.filter { $0.isDone && $0.job.controlDirectory == directory }.map(\.job.id)
                problems += kick.kick(ids, in: directory)
            }
        }
        return ScanResult(reports: reports, problems: problems)
    }
}

/// What one pass's `finish` did.
public struct ScanResult: Sendable {
    /// One per ended job, in the order of `LRMSScan.jobs`.
    public var reports: [JobFinishReport]
    /// Every failed write or `gm-kick`, one line each.
    public var problems: [String]
}
