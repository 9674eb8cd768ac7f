/// The rules of a job's life (DESIGN §4) as a pure value: no I/O, so every legal and illegal
/// transition is tested as a table, and the engine can persist the new state before it acts.
public struct JobStateMachine: Sendable, Hashable, Codable {
    public private(set) var state: JobState
    /// Decided when the payload stopped; applied when stage-out ends.
    public private(set) var outcome: JobOutcome?
    /// A cancel arrived while the job could not be stopped at once (during submission).
    public private(set) var cancelRequested: Bool
    /// Why the job is in its current state, for the history.
    public private(set) var reason: String

    public init(state: JobState = .accepted, outcome: JobOutcome? = nil, cancelRequested: Bool = false,
                reason: String = "accepted") {
        self.state = state
        self.outcome = outcome
        self.cancelRequested = cancelRequested
        self.reason = reason
    }

    /// Applies `event`; returns what to do once the new state is stored.
    public mutating func handle(_ event: JobEvent) -> JobAction {
        switch (state, event) {
        case (.accepted, .prepare):
            return move(to: .preparing, "staging inputs", then: .stageIn)
        case (.preparing, .stagedIn):
            return move(to: .submitting, "inputs staged", then: .submit)
        case (.preparing, .stageInFailed(let why)):
            outcome = .failed(reason: why, exitCode: nil)
            return move(to: .failed, why, then: .release)
        case (.submitting, .submitted):
            return move(to: .queued, "submitted", then: cancelRequested ? .kill : .observe)
        case (.submitting, .submitFailed(let why)):
            outcome = cancelRequested ? .killed(exitCode: nil) : .failed(reason: why, exitCode: nil)
            return move(to: cancelRequested ? .killed : .failed, why, then: .release)
        case (.queued, .started):
            return move(to: .running, "started", then: .none)
        case (.queued, .completed(let result)), (.running, .completed(let result)):
            outcome = cancelRequested ? .killed(exitCode: result.exitCode) : result
            return move(to: .finishing, describe(outcome), then: .stageOut)
        case (.queued, .lost(let why)), (.running, .lost(let why)):
            outcome = cancelRequested ? .killed(exitCode: nil) : .failed(reason: why, exitCode: nil)
            return move(to: .finishing, why, then: .stageOut)
        case (.finishing, .stagedOut):
            let final = outcome ?? .failed(reason: "no outcome recorded", exitCode: nil)
            outcome = final
            return move(to: final.terminalState, describe(final), then: .release)
        case (.finishing, .stageOutFailed(let why)):
            outcome = .failed(reason: why, exitCode: outcome?.exitCode)
            return move(to: .failed, why, then: .release)
        case (.accepted, .cancel), (.preparing, .cancel):
            outcome = .killed(exitCode: nil)
            return move(to: .killed, "cancelled before it ran", then: .release)
        case (.submitting, .cancel):
            cancelRequested = true
            reason = "cancel requested during submission"
            return .none
        case (.queued, .cancel), (.running, .cancel):
            cancelRequested = true
            reason = "cancel requested"
            return .kill
        case (.finished, .expire), (.failed, .expire), (.killed, .expire):
            return move(to: .deleted, "session lifetime over", then: .removeSession)
        case (.finishing, .cancel), (.finished, .cancel), (.failed, .cancel), (.killed, .cancel), (.deleted, .cancel):
            return .reject(reason: "the job has already \(state == .finishing ? "stopped running" : "ended") (\(state.rawValue))")
        default:
            return .reject(reason: "\(Self.name(of: event)) is not expected while the job is \(state.rawValue)")
        }
    }

    /// What to do with a job found in this state when the engine starts, to finish what a previous
    /// run began.
    public var resumeAction: JobAction {
        switch state {
        case .accepted: .none
        case .preparing: .stageIn
        case .submitting: .submit
        case .queued, .running: cancelRequested ? .kill : .observe
        case .finishing: .stageOut
        case .finished, .failed, .killed, .deleted: .none
        }
    }

    private mutating func move(to next: JobState, _ why: String, then action: JobAction) -> JobAction {
        state = next
        reason = why
        return action
    }

    private func describe(_ outcome: JobOutcome?) -> String {
        switch outcome {
        case .exited(let code)?: "exited with code \(code)"
        case .failed(let why, _)?: why
        case .killed?: "killed on request"
        case nil: "no outcome"
        }
    }

    private static func name(of event: JobEvent) -> String {
        switch event {
        case .prepare: "prepare"
        case .stagedIn: "staged in"
        case .stageInFailed: "stage-in failure"
        case .submitted: "submitted"
        case .submitFailed: "submission failure"
        case .started: "started"
        case .completed: "completion"
        case .lost: "loss"
        case .stagedOut: "staged out"
        case .stageOutFailed: "stage-out failure"
        case .cancel: "cancel"
        case .expire: "expiry"
        }
    }
}
