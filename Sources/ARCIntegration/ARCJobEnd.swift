import Foundation

/// How a job ended as far as arkd knows: the input of the scan's `lrms_done` and `.diag` rules.
/// It is built from arkd's batch status answer; a job still queued or running has none.
public struct ARCJobEnd: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        /// The payload ran and exited; a signal N is already 256+N.
        case finished(exitCode: Int?)
        /// arkd could not run the job, or stopped it at a limit. `exitCode` only when a process
        /// actually exited.
        case failed(reason: String?, exitCode: Int?)
        /// Stopped on request.
        case killed(exitCode: Int?)
        /// Removed from arkd after it ended.
        case deleted(reason: String?, exitCode: Int?)
        /// arkd does not know the job (lost, never submitted, or another daemon's).
        case missing
    }

    public var outcome: Outcome
    public var accounting: ARCAccounting?

    public init(outcome: Outcome, accounting: ARCAccounting? = nil) {
        self.outcome = outcome
        self.accounting = accounting
    }

    /// The end of a job in arkd's state `state` (the API's `JobStatus`), or nil while it has not
    /// ended (accepted, preparing, submitting, queued, running, finishing).
    public init?(state: String, exitCode: Int?, reason: String?, accounting: ARCAccounting?) {
        switch state {
        case "finished": outcome = .finished(exitCode: exitCode)
        case "failed": outcome = .failed(reason: reason, exitCode: exitCode)
        case "killed": outcome = .killed(exitCode: exitCode)
        case "deleted": outcome = .deleted(reason: reason, exitCode: exitCode)
        default: return nil
        }
        self.accounting = accounting
    }

    /// The exit code of a process that actually ended, if any.
    public var processExitCode: Int? {
        switch outcome {
        case .finished(let code), .killed(let code): code
        case .failed(_, let code), .deleted(_, let code): code
        case .missing: nil
        }
    }
}

/// What a job used, as arkd's API reports it (`Accounting`): the source of `.diag`'s keys.
public struct ARCAccounting: Sendable, Hashable {
    public var startedAt: Date?
    public var endedAt: Date?
    public var wallSeconds: Double?
    public var userCPUSeconds: Double?
    public var systemCPUSeconds: Double?
    public var maxResidentKiB: Int?
    public var nodeName: String?
    /// The container image, which ARC's accounting calls the worker-node instance (`wninstance`).
    public var image: String?

    public init(startedAt: Date? = nil, endedAt: Date? = nil, wallSeconds: Double? = nil, userCPUSeconds: Double? = nil,
                systemCPUSeconds: Double? = nil, maxResidentKiB: Int? = nil, nodeName: String? = nil, image: String? = nil) {
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.wallSeconds = wallSeconds
        self.userCPUSeconds = userCPUSeconds
        self.systemCPUSeconds = systemCPUSeconds
        self.maxResidentKiB = maxResidentKiB
        self.nodeName = nodeName
        self.image = image
    }
}
