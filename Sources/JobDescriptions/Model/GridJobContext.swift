/// What A-REX already decided for a job it hands to arkd (from GRAMI): its identity and the session
/// directory it staged the inputs into.
public struct GridJobContext: Sendable, Hashable, Codable {
    /// A-REX's job id; the idempotency key for submission.
    public var gridID: String?
    public var sessionDirectory: String?
    public var controlDirectory: String?
    /// The id a previous submit already recorded (`joboption_jobid`).
    public var localID: String?

    public init(gridID: String? = nil, sessionDirectory: String? = nil, controlDirectory: String? = nil,
                localID: String? = nil) {
        self.gridID = gridID
        self.sessionDirectory = sessionDirectory
        self.controlDirectory = controlDirectory
        self.localID = localID
    }
}
