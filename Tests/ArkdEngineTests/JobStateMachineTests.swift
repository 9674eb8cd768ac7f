import ArkdEngine
import Testing

@Suite("job state machine")
struct JobStateMachineTests {
    /// A legal step: from a state (with a recorded outcome and pending cancel), an event leads to a
    /// state and an action.
    struct Step: Sendable, CustomTestStringConvertible {
        var from: JobState
        var outcome: JobOutcome? = nil
        var cancelRequested = false
        var event: JobEvent
        var to: JobState
        var action: JobAction
        var finalOutcome: JobOutcome? = nil

        var testDescription: String { "\(from) + \(event) → \(to)" }
    }

    static let legal: [Step] = [
        Step(from: .accepted, event: .prepare, to: .preparing, action: .stageIn),
        Step(from: .preparing, event: .stagedIn, to: .submitting, action: .submit),
        Step(from: .preparing, event: .stageInFailed(reason: "404"), to: .failed, action: .release,
             finalOutcome: .failed(reason: "404", exitCode: nil)),
        Step(from: .submitting, event: .submitted, to: .queued, action: .observe),
        Step(from: .submitting, cancelRequested: true, event: .submitted, to: .queued, action: .kill),
        Step(from: .submitting, event: .submitFailed(reason: "no image"), to: .failed, action: .release,
             finalOutcome: .failed(reason: "no image", exitCode: nil)),
        Step(from: .submitting, cancelRequested: true, event: .submitFailed(reason: "x"), to: .killed, action: .release,
             finalOutcome: .killed(exitCode: nil)),
        Step(from: .queued, event: .started, to: .running, action: .none),
        Step(from: .queued, event: .completed(.exited(exitCode: 0)), to: .finishing, action: .stageOut,
             finalOutcome: .exited(exitCode: 0)),
        Step(from: .running, event: .completed(.exited(exitCode: 3)), to: .finishing, action: .stageOut,
             finalOutcome: .exited(exitCode: 3)),
        Step(from: .running, event: .completed(.failed(reason: "wall time", exitCode: 265)), to: .finishing,
             action: .stageOut, finalOutcome: .failed(reason: "wall time", exitCode: 265)),
        Step(from: .running, cancelRequested: true, event: .completed(.exited(exitCode: 271)), to: .finishing,
             action: .stageOut, finalOutcome: .killed(exitCode: 271)),
        Step(from: .running, event: .lost(reason: "pod deleted externally"), to: .finishing, action: .stageOut,
             finalOutcome: .failed(reason: "pod deleted externally", exitCode: nil)),
        Step(from: .queued, event: .lost(reason: "gone"), to: .finishing, action: .stageOut,
             finalOutcome: .failed(reason: "gone", exitCode: nil)),
        Step(from: .finishing, outcome: .exited(exitCode: 0), event: .stagedOut, to: .finished, action: .release,
             finalOutcome: .exited(exitCode: 0)),
        Step(from: .finishing, outcome: .exited(exitCode: 3), event: .stagedOut, to: .finished, action: .release,
             finalOutcome: .exited(exitCode: 3)),
        Step(from: .finishing, outcome: .failed(reason: "oom", exitCode: 137), event: .stagedOut, to: .failed,
             action: .release, finalOutcome: .failed(reason: "oom", exitCode: 137)),
        Step(from: .finishing, outcome: .killed(exitCode: 265), event: .stagedOut, to: .killed, action: .release,
             finalOutcome: .killed(exitCode: 265)),
        Step(from: .finishing, outcome: .exited(exitCode: 0), event: .stageOutFailed(reason: "PUT 500"), to: .failed,
             action: .release, finalOutcome: .failed(reason: "PUT 500", exitCode: 0)),
        Step(from: .accepted, event: .cancel, to: .killed, action: .release, finalOutcome: .killed(exitCode: nil)),
        Step(from: .preparing, event: .cancel, to: .killed, action: .release, finalOutcome: .killed(exitCode: nil)),
        Step(from: .submitting, event: .cancel, to: .submitting, action: .none),
        Step(from: .queued, event: .cancel, to: .queued, action: .kill),
        Step(from: .running, event: .cancel, to: .running, action: .kill),
        Step(from: .finished, event: .expire, to: .deleted, action: .removeSession),
        Step(from: .failed, event: .expire, to: .deleted, action: .removeSession),
        Step(from: .killed, event: .expire, to: .deleted, action: .removeSession),
    ]

    @Test("legal transitions", arguments: legal)
    func legalTransition(step: Step) {
        var machine = JobStateMachine(state: step.from, outcome: step.outcome, cancelRequested: step.cancelRequested)
        #expect(machine.handle(step.event) == step.action)
        #expect(machine.state == step.to)
        if let final = step.finalOutcome { #expect(machine.outcome == final) }
    }

    static let events: [JobEvent] = [
        .prepare, .stagedIn, .stageInFailed(reason: "r"), .submitted, .submitFailed(reason: "r"), .started,
        .completed(.exited(exitCode: 0)), .lost(reason: "r"), .stagedOut, .stageOutFailed(reason: "r"), .cancel, .expire,
    ]

    @Test("every other event is rejected and changes nothing", arguments: JobState.allCases)
    func illegalTransitions(state: JobState) {
        for event in Self.events {
            let isLegal = Self.legal.contains { $0.from == state && Self.kind($0.event) == Self.kind(event) }
            guard !isLegal else { continue }
            var machine = JobStateMachine(state: state)
            let before = machine
            guard case .reject(let reason) = machine.handle(event) else {
                Issue.record("\(event) in \(state) was not rejected")
                continue
            }
            #expect(!reason.isEmpty)
            #expect(machine == before, "\(event) in \(state) changed the machine")
        }
    }

    /// The event's case without its payload.
    static func kind(_ event: JobEvent) -> String {
        String(describing: event).prefix { $0 != "(" }.description
    }

    @Test("a whole successful life")
    func lifecycle() {
        var machine = JobStateMachine()
        let steps: [(JobEvent, JobAction, JobState)] = [
            (.prepare, .stageIn, .preparing), (.stagedIn, .submit, .submitting), (.submitted, .observe, .queued),
            (.started, .none, .running), (.completed(.exited(exitCode: 0)), .stageOut, .finishing),
            (.stagedOut, .release, .finished), (.expire, .removeSession, .deleted),
        ]
        for (event, action, state) in steps {
            #expect(machine.handle(event) == action)
            #expect(machine.state == state)
        }
    }

    @Test("what to resume after a restart, per state")
    func resume() {
        let expected: [JobState: JobAction] = [
            .accepted: .none, .preparing: .stageIn, .submitting: .submit, .queued: .observe, .running: .observe,
            .finishing: .stageOut, .finished: .none, .failed: .none, .killed: .none, .deleted: .none,
        ]
        for (state, action) in expected { #expect(JobStateMachine(state: state).resumeAction == action, "\(state)") }
        #expect(JobStateMachine(state: .running, cancelRequested: true).resumeAction == .kill)
    }

    @Test("A-REX state names")
    func arcNames() {
        #expect(JobState.allCases.map(\.arcName) == [
            "ACCEPTED", "PREPARING", "SUBMIT", "INLRMS:Q", "INLRMS:R", "FINISHING", "FINISHED", "FAILED", "KILLED", "DELETED",
        ])
    }
}
