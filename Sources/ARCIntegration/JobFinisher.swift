/// Reports one ended job to A-REX, in the order every ARC backend uses (spec §3.3): accounting into
/// `.diag`, the LRMS's output into `errors`, then `lrms_done`. (The scan runs `gm-kick` after
/// `lrms_done`, batched per control directory.)
///
/// Re-running it for a job is safe at any point a previous run stopped: `lrms_done` appears in one
/// rename, and a job that has it is never finished again (`ControlJob.isReported`); each of the two
/// appends before it is skipped when the file already holds exactly the lines it would add (the
/// `.diag` lines carry the job's start and end times; the `errors` block is the comment between
/// ARC's markers), so a pass killed between them and `lrms_done` adds nothing twice. No marker file
/// is needed, which keeps a pass over thousands of jobs to one new file per job. A failed `.diag` or
/// `errors` append is reported but does not hold back `lrms_done`: without it the job would stay
/// INLRMS for ever (A-REX has no timeout there).
public struct JobFinisher: Sendable {
    public init() {}

    /// Every step for one job; the report says what was written and what failed.
    public func finish(_ job: ControlJob, end: ARCJobEnd) -> JobFinishReport {
        let mark = LRMSDoneMark(end)
        var report = JobFinishReport(job: job, mark: mark)
        do {
            try appendDiag(job, end: end, mark: mark)
        } catch {
            report.problems.append("job \(job.id): accounting not written to .diag: \(error)")
        }
        do {
            try appendErrors(job)
        } catch {
            report.problems.append("job \(job.id): LRMS output not copied to errors: \(error)")
        }
        do {
            try writeDone(job, mark: mark)
            report.isDone = true
        } catch {
            report.problems.append("job \(job.id): \(error)")
        }
        return report
    }

    /// Adds the accounting lines to `<sessiondir>.diag` as the job's user, unless they are there.
    public func appendDiag(_ job: ControlJob, end: ARCJobEnd, mark: LRMSDoneMark) throws {
        guard let path = job.diagPath else { return }
        let lines = Array(DiagFile.render(end, processors: job.processors, mark: mark).utf8)
        guard !lines.isEmpty else { return }
        try UserFileAccess.perform(as: job.owner) {
            if let existing = try PlainFile.contents(path, limit: Int.max), PlainFile.contains(lines, in: existing) { return }
            try PlainFile.append(lines, to: path, create: 0o600)
        }
    }

    /// Copies a non-empty `<sessiondir>.comment` into `errors` between the markers, unless that
    /// block is there.
    public func appendErrors(_ job: ControlJob) throws {
        guard let commentPath = job.commentPath,
              let comment = try ErrorsAppend.readComment(at: commentPath, as: job.owner),
              let block = ErrorsAppend.block(comment: comment.bytes, truncated: comment.truncated)
        else { return }
        let path = job.path(of: .errors)
        if let existing = try PlainFile.contents(path, limit: Int.max), PlainFile.contains(block, in: existing) { return }
        try ErrorsAppend.append(block, to: path)
    }

    /// Writes `lrms_done` atomically and durably.
    public func writeDone(_ job: ControlJob, mark: LRMSDoneMark) throws(ARCFileError) {
        try AtomicFile.write(Array(mark.line.utf8), to: job.path(of: .lrmsDone), mode: 0o644, sync: true)
    }
}

/// What finishing one job did.
public struct JobFinishReport: Sendable, Hashable {
    public var job: ControlJob
    public var mark: LRMSDoneMark
    /// `lrms_done` was written.
    public var isDone = false
    /// What went wrong, one line each, for the helper log.
    public var problems: [String] = []

    public init(job: ControlJob, mark: LRMSDoneMark) {
        self.job = job
        self.mark = mark
    }
}
