/// E-mail notification request: who, and on which job states.
public struct Notification: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        case preparing = "b"
        case inLRMS = "q"
        case finishing = "f"
        case finished = "e"
        case canceling = "c"
        case deleted = "d"
    }

    public var recipients: [String]
    public var states: [State]

    public init(recipients: [String], states: [State]) {
        self.recipients = recipients
        self.states = states
    }
}
