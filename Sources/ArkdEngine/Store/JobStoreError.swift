/// Why the store refused a request.
public enum JobStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownJob(JobID)

    public var description: String {
        switch self {
        case .unknownJob(let id): "no job \(id) in the store"
        }
    }
}
