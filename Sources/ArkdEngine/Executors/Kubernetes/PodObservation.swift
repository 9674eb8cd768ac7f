import Foundation
import KubernetesClient

/// What one pod's last known state says about its job: still waiting (and on what), running, or
/// ended with an outcome. Read from the container's state, not from the phase: short containers
/// skip `Running`, and a pod can be `Running` with its container already terminated.
enum PodObservation: Sendable, Hashable {
    /// Why a pod has not started; some reasons never end by themselves, so the executor bounds
    /// them with the site's grace periods.
    enum Waiting: Sendable, Hashable {
        case scheduling
        case unschedulable(message: String)
        case creating
        /// ErrImagePull, ImagePullBackOff, ErrImageNeverPull, InvalidImageName.
        case image(reason: String, message: String)
        /// CreateContainerConfigError and the like: the pod cannot start as specified.
        case configuration(reason: String, message: String)
    }

    case waiting(Waiting)
    case running(startedAt: Date?)
    case ended(ExecutionResult)

    static let imageReasons: Set<String> = ["ErrImagePull", "ImagePullBackOff", "ErrImageNeverPull", "InvalidImageName",
                                            "RegistryUnavailable"]
    static let configurationReasons: Set<String> = ["CreateContainerConfigError", "CreateContainerError",
                                                    "RunContainerError", "PreCreateHookError", "PostStartHookError"]

    /// - Parameter cancelled: arkd itself asked for the pod's deletion (a cancel); any other
    ///   deletion is someone else's and fails the job instead of killing it.
    init(of pod: Pod, cancelled: Bool) {
        let status = pod.status
        let container = status?.containerStatuses?.first { $0.name == PodPlan.containerName }
        var accounting = Accounting(nodeName: pod.spec?.nodeName, image: Self.jobImage(of: pod))
        let deletedByOthers = pod.metadata.deletionTimestamp != nil && !cancelled

        if let terminated = container?.state?.terminated {
            accounting.startedAt = Self.realTime(terminated.startedAt)
            accounting.endedAt = terminated.finishedAt
            self = .ended(ExecutionResult(outcome: Self.outcome(of: terminated, pod: pod, cancelled: cancelled),
                                          accounting: accounting))
            return
        }
        if status?.phase?.isTerminal == true || deletedByOthers {
            accounting.startedAt = status?.startTime
            self = .ended(ExecutionResult(outcome: Self.outcomeWithoutContainer(pod, cancelled: cancelled),
                                          accounting: accounting))
            return
        }
        if let running = container?.state?.running {
            self = .running(startedAt: running.startedAt)
        } else if let waiting = container?.state?.waiting, let reason = waiting.reason {
            let message = waiting.message ?? ""
            if Self.imageReasons.contains(reason) {
                self = .waiting(.image(reason: reason, message: message))
            } else if Self.configurationReasons.contains(reason) {
                self = .waiting(.configuration(reason: reason, message: message))
            } else {
                self = .waiting(.creating)
            }
        } else if let scheduled = status?.conditions?.first(where: { $0.type == "PodScheduled" }),
                  scheduled.status == "False", scheduled.reason == "Unschedulable" {
            self = .waiting(.unschedulable(message: scheduled.message ?? ""))
        } else {
            self = .waiting(container == nil ? .scheduling : .creating)
        }
    }

    /// The container ended: its exit code as the kubelet reports it, or a limit with the signal
    /// the runtime sent (128+N from the runtime becomes ARC's 256+N).
    private static func outcome(of terminated: ContainerState.Terminated, pod: Pod, cancelled: Bool) -> JobOutcome {
        let code = Int(terminated.exitCode)
        let signalled = terminated.signal.map { 256 + Int($0) } ?? (code > 128 && code < 160 ? 256 + code - 128 : nil)
        if cancelled { return .killed(exitCode: signalled ?? code) }
        if pod.status?.reason == "DeadlineExceeded" {
            let limit = pod.spec?.activeDeadlineSeconds.map { " (\($0) s)" } ?? ""
            return .failed(reason: "wall time limit exceeded\(limit)", exitCode: signalled ?? code)
        }
        switch terminated.reason {
        case "OOMKilled":
            return .failed(reason: "memory limit exceeded (OOMKilled)", exitCode: signalled ?? code)
        case "StartError", "ContainerCannotRun":
            return .failed(reason: "the payload could not start: " + (terminated.message ?? terminated.reason ?? ""),
                           exitCode: nil)
        default:
            if pod.metadata.deletionTimestamp != nil {
                return .failed(reason: "pod deleted externally", exitCode: nil)
            }
            if pod.status?.reason == "Evicted" {
                return .failed(reason: "evicted: " + (pod.status?.message ?? ""), exitCode: nil)
            }
            return .exited(exitCode: terminated.signal.map { 256 + Int($0) } ?? code)
        }
    }

    /// The pod ended or is going away with no container outcome: never an invented exit code.
    private static func outcomeWithoutContainer(_ pod: Pod, cancelled: Bool) -> JobOutcome {
        if cancelled { return .killed(exitCode: nil) }
        let status = pod.status
        if pod.metadata.deletionTimestamp != nil { return .failed(reason: "pod deleted externally", exitCode: nil) }
        switch status?.reason {
        case "DeadlineExceeded":
            return .failed(reason: "wall time limit exceeded before the payload started", exitCode: nil)
        case "Evicted":
            return .failed(reason: "evicted: " + (status?.message ?? ""), exitCode: nil)
        default:
            let detail = [status?.reason, status?.message].compactMap { $0 }.joined(separator: ": ")
            return .failed(reason: "pod \(status?.phase?.rawValue.lowercased() ?? "ended") without a container outcome"
                           + (detail.isEmpty ? "" : ": " + detail), exitCode: nil)
        }
    }

    /// The image of the job's container, as arkd asked for it.
    static func jobImage(of pod: Pod) -> String? {
        pod.spec?.containers.first { $0.name == PodPlan.containerName }?.image
    }

    /// The runtime writes the zero time (1970) as `startedAt` of a process that never started.
    private static func realTime(_ date: Date?) -> Date? {
        guard let date, date.timeIntervalSince1970 > 0 else { return nil }
        return date
    }
}
