/// One status change the scripted kubelet makes to a pod, in the shapes recorded from a real
/// kubelet (`30-…` to `38-…` watches). `{image}` and `{pod}` in messages are replaced by the
/// container's image and `<name>_<namespace>(<uid>)`.
public enum KubeletStep: Sendable, Equatable {
    /// Binds the pod: `spec.nodeName` and `PodScheduled=True` (nil: the first node).
    case schedule(node: String? = nil)
    /// `PodScheduled=False` with reason `Unschedulable`; no container statuses, no hostIP.
    case unschedulable(message: String)
    /// `hostIP`, `startTime`, Ready=False and every container waiting in `ContainerCreating`.
    case createContainers
    /// Phase Running, `podIP`, containers running and ready.
    case start
    /// Appends stdout to every container's log; takes no step of its own and makes no event.
    case log(String)
    /// Every container terminated with this exit code (phase unchanged: Running, or Pending when
    /// the pod never reported Running); gives the pod its IP if it had none yet.
    case terminate(exitCode: Int, reason: String, message: String? = nil, zeroStartTime: Bool = false)
    /// Phase Succeeded (all exits 0) or Failed, and the first terminal event's missing `podIP`.
    case finish
    /// The `podIP` back, one event after the terminal one.
    case restorePodIP
    /// Containers waiting with this reason (image pull errors, config errors); pod IP assigned.
    case waiting(reason: String, message: String?)
    /// `activeDeadlineSeconds` passed: still Running, Ready=False (PodFailed).
    case deadlineReached
    /// Killed for the deadline: Failed, `status.reason DeadlineExceeded`, exit 137 reason Error.
    case killForDeadline
}

/// What the scripted kubelet does with one pod: some steps, then optionally a cycle repeated
/// for as long as the pod exists (ErrImagePull ↔ ImagePullBackOff).
public struct PodScript: Sendable, Equatable {
    public var steps: [KubeletStep]
    public var repeating: [KubeletStep]

    public init(_ steps: [KubeletStep], thenRepeat repeating: [KubeletStep] = []) {
        self.steps = steps
        self.repeating = repeating
    }

    /// A quick `exit 0` as recorded: skips Running (Pending with a terminated container →
    /// Succeeded without podIP → podIP back).
    public static func succeeds(log: String = "") -> PodScript {
        exitsQuickly(exitCode: 0, reason: "Completed", log: log)
    }

    /// A container that is seen Running and then exits with `exitCode` (the exit-3 recording:
    /// Running with a terminated container, Failed without podIP, podIP back).
    public static func runsThenExits(exitCode: Int, log: String = "") -> PodScript {
        PodScript([.schedule(), .createContainers, .log(log), .start,
                   .terminate(exitCode: exitCode, reason: exitCode == 0 ? "Completed" : "Error"), .finish, .restorePodIP])
    }

    /// A container that ends before Running is ever reported.
    public static func exitsQuickly(exitCode: Int, reason: String? = nil, log: String = "") -> PodScript {
        PodScript([.schedule(), .createContainers, .log(log),
                   .terminate(exitCode: exitCode, reason: reason ?? (exitCode == 0 ? "Completed" : "Error")),
                   .finish, .restorePodIP])
    }

    /// Killed for its memory limit: exit 137 `OOMKilled`, no `status.reason`, Running skipped.
    public static func oomKilled(log: String = "") -> PodScript {
        exitsQuickly(exitCode: 137, reason: "OOMKilled", log: log)
    }

    /// The command does not exist: exit 128 `StartError`, `startedAt` the zero time.
    public static let startError = PodScript([
        .schedule(), .createContainers,
        .terminate(exitCode: 128, reason: "StartError",
                   message: "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: \"/no/such/binary\": stat /no/such/binary: no such file or directory: unknown",
                   zeroStartTime: true),
        .finish, .restorePodIP,
    ])

    /// Runs past `activeDeadlineSeconds`: Running, Ready=False, then Failed/DeadlineExceeded.
    public static func exceedsDeadline(log: String = "") -> PodScript {
        PodScript([.schedule(), .createContainers, .log(log), .start, .deadlineReached, .killForDeadline, .restorePodIP])
    }

    /// Starts and keeps running until deleted (a graceful delete stops it with exit 143).
    public static func runsForever(log: String = "") -> PodScript {
        PodScript([.schedule(), .createContainers, .log(log), .start])
    }

    /// `imagePullPolicy: Never` and the image is absent: waits forever.
    public static let imageNeverPull = PodScript([
        .schedule(), .createContainers,
        .waiting(reason: "ErrImageNeverPull", message: "Container image \"{image}\" is not present with pull policy of Never"),
    ])

    /// The registry cannot be reached: ErrImagePull and ImagePullBackOff alternate forever.
    public static let imagePullFails = PodScript(
        [.schedule(), .createContainers],
        thenRepeat: [
            .waiting(reason: "ErrImagePull", message: "failed to pull and unpack image \"{image}\": failed to resolve reference \"{image}\": failed to do request: dial tcp: lookup registry.invalid on 10.96.0.10:53: no such host"),
            .waiting(reason: "ImagePullBackOff", message: "Back-off pulling image \"{image}\""),
        ])

    /// `runAsNonRoot` with an image that runs as root: `CreateContainerConfigError` forever.
    public static let createContainerConfigError = PodScript([
        .schedule(), .createContainers,
        .waiting(reason: "CreateContainerConfigError",
                 message: "container has runAsNonRoot and image will run as root (pod: \"{pod}\", container: job)"),
    ])

    /// No node fits: `PodScheduled=False`, forever (a delete then lets the pod GC mark it Failed).
    public static let unschedulable = PodScript([
        .unschedulable(message: "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.."),
    ])
}

/// How the scripted kubelet's steps advance.
public enum KubeletPacing: Sendable, Equatable {
    /// One step per pod every `stepDelay` of real time.
    case automatic(stepDelay: Duration)
    /// Only when the test calls ``FakeKubernetes/advanceKubelet()``.
    case manual

    /// Fast real-time steps, the default.
    public static let fast = KubeletPacing.automatic(stepDelay: .milliseconds(20))
}
