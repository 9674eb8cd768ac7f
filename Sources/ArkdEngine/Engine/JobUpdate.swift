/// Something a watcher of a job wants to know: a state change or staging progress.
public enum JobUpdate: Sendable, Hashable {
    case state(JobRecord)
    case progress(JobID, TransferProgress)

    public var jobID: JobID {
        switch self {
        case .state(let record): record.id
        case .progress(let id, _): id
        }
    }
}
