import Foundation

/// How each kubelet step changes a pod's JSON, field by field as the recordings show.
struct PodStatusWriter {
    /// What the kubelet remembers about a pod between steps.
    struct Runtime: Sendable {
        var podIP: String
        var hostIP = ""
        var containerIDs: [String: String] = [:]
        var startedAt: [String: String] = [:]
        var imageIDs: [String: String] = [:]
    }

    static let zeroTime = "1970-01-01T00:00:00Z"

    private static func condition(_ type: String, _ status: Bool, reason: String? = nil, message: String? = nil) -> JSON {
        var condition: JSON = ["type": .string(type), "status": status ? "True" : "False", "lastProbeTime": nil,
                               "lastTransitionTime": .string(KubeTime.now)]
        if let reason { condition["reason"] = .string(reason) }
        if let message { condition["message"] = .string(message) }
        return condition
    }

    private static func containers(_ pod: JSON) -> [JSON] { pod.value(at: "spec", "containers")?.array ?? [] }

    private static func names(_ pod: JSON) -> [String] { containers(pod).compactMap { $0["name"]?.string } }

    private static func unready(_ pod: JSON) -> String { "containers with unready status: [\(names(pod).joined(separator: " "))]" }

    private static func setConditions(_ pod: inout JSON, initialized: String? = nil, ready: Bool, reason: String?,
                                      message: String? = nil) {
        pod.set(["status", "conditions"], [
            condition("Initialized", true, reason: initialized),
            condition("Ready", ready, reason: reason, message: message),
            condition("ContainersReady", ready, reason: reason, message: message),
            condition("PodScheduled", true),
        ])
    }

    private static func setContainerStatuses(_ pod: inout JSON, runtime: Runtime,
                                             _ make: (_ name: String, _ image: String) -> (state: JSON, ready: Bool, started: Bool, created: Bool)) {
        let statuses: [JSON] = containers(pod).map { container in
            let name = container["name"]?.string ?? ""
            let image = container["image"]?.string ?? ""
            let made = make(name, image)
            var status: JSON = ["name": .string(name), "state": made.state, "lastState": .object([:]), "ready": .bool(made.ready),
                                "restartCount": 0, "image": .string(image),
                                "imageID": .string(made.created ? runtime.imageIDs[name] ?? "" : ""), "started": .bool(made.started)]
            if made.created, let id = runtime.containerIDs[name] { status["containerID"] = .string(id) }
            return status
        }
        pod.set(["status", "containerStatuses"], .array(statuses))
    }

    private static func setPodIP(_ pod: inout JSON, _ ip: String?) {
        pod.set(["status", "podIP"], ip.map(JSON.string))
        pod.set(["status", "podIPs"], ip.map { [["ip": .string($0)]] })
    }

    static func substitute(_ text: String, pod: JSON, image: String) -> String {
        let name = pod.value(at: "metadata", "name")?.string ?? ""
        let namespace = pod.value(at: "metadata", "namespace")?.string ?? ""
        let uid = pod.value(at: "metadata", "uid")?.string ?? ""
        return text.replacingOccurrences(of: "{image}", with: image)
            .replacingOccurrences(of: "{pod}", with: "\(name)_\(namespace)(\(uid))")
    }

    /// Applies one step; `nodes` supplies the node name and address for `.schedule`.
    static func apply(_ step: KubeletStep, to pod: inout JSON, runtime: inout Runtime, nodes: [JSON]) {
        switch step {
        case .log:
            break
        case .schedule(let requested):
            let node = nodes.first { requested == nil || $0.value(at: "metadata", "name")?.string == requested } ?? nodes.first
            let nodeName = node?.value(at: "metadata", "name")?.string ?? requested ?? "node"
            runtime.hostIP = (node?.value(at: "status", "addresses")?.array ?? [])
                .first { $0["type"]?.string == "InternalIP" }?["address"]?.string ?? "192.0.2.2"
            pod.set(["spec", "nodeName"], .string(nodeName))
            pod.set(["status", "conditions"], [condition("PodScheduled", true)])
        case .unschedulable(let message):
            pod.set(["status", "conditions"], [condition("PodScheduled", false, reason: "Unschedulable", message: message)])
        case .createContainers:
            pod.set(["status", "hostIP"], .string(runtime.hostIP))
            pod.set(["status", "startTime"], .string(KubeTime.now))
            setConditions(&pod, ready: false, reason: "ContainersNotReady", message: unready(pod))
            setContainerStatuses(&pod, runtime: runtime) { _, _ in (["waiting": ["reason": "ContainerCreating"]], false, false, false) }
        case .start:
            for name in names(pod) {
                runtime.containerIDs[name] = runtime.containerIDs[name] ?? "containerd://" + KubeTime.hex64()
                runtime.imageIDs[name] = runtime.imageIDs[name] ?? "sha256:" + KubeTime.hex64()
                runtime.startedAt[name] = runtime.startedAt[name] ?? KubeTime.now
            }
            pod.set(["status", "phase"], "Running")
            setPodIP(&pod, runtime.podIP)
            setConditions(&pod, ready: true, reason: nil)
            setContainerStatuses(&pod, runtime: runtime) { name, _ in
                (["running": ["startedAt": .string(runtime.startedAt[name] ?? KubeTime.now)]], true, true, true)
            }
        case .terminate(let exitCode, let reason, let message, let zeroStartTime):
            terminate(&pod, runtime: &runtime, exitCode: exitCode, reason: reason, message: message, zeroStartTime: zeroStartTime)
        case .finish:
            let statuses = pod.value(at: "status", "containerStatuses")?.array ?? []
            let succeeded = !statuses.isEmpty && statuses.allSatisfy { $0.value(at: "state", "terminated", "exitCode")?.int == 0 }
            pod.set(["status", "phase"], succeeded ? "Succeeded" : "Failed")
            setPodIP(&pod, nil)
        case .restorePodIP:
            setPodIP(&pod, runtime.podIP)
        case .waiting(let reason, let message):
            setPodIP(&pod, runtime.podIP)
            let snapshot = pod
            setContainerStatuses(&pod, runtime: runtime) { _, image in
                var waiting: JSON = ["reason": .string(reason)]
                if let message { waiting["message"] = .string(substitute(message, pod: snapshot, image: image)) }
                return (["waiting": waiting], false, false, false)
            }
        case .deadlineReached:
            setConditions(&pod, ready: false, reason: "PodFailed")
        case .killForDeadline:
            terminate(&pod, runtime: &runtime, exitCode: 137, reason: "Error", message: nil, zeroStartTime: false)
            pod.set(["status", "phase"], "Failed")
            pod.set(["status", "reason"], "DeadlineExceeded")
            pod.set(["status", "message"], "Pod was active on the node longer than the specified deadline")
            setPodIP(&pod, nil)
        }
    }

    private static func terminate(_ pod: inout JSON, runtime: inout Runtime, exitCode: Int, reason: String,
                                  message: String?, zeroStartTime: Bool) {
        for name in names(pod) {
            runtime.containerIDs[name] = runtime.containerIDs[name] ?? "containerd://" + KubeTime.hex64()
            runtime.imageIDs[name] = runtime.imageIDs[name] ?? "sha256:" + KubeTime.hex64()
        }
        let now = KubeTime.now
        setContainerStatuses(&pod, runtime: runtime) { name, _ in
            var terminated: JSON = ["exitCode": .int(Int64(exitCode)), "reason": .string(reason),
                                    "startedAt": .string(zeroStartTime ? zeroTime : runtime.startedAt[name] ?? now),
                                    "finishedAt": .string(now), "containerID": .string(runtime.containerIDs[name] ?? "")]
            if let message { terminated["message"] = .string(message) }
            return (["terminated": terminated], false, false, true)
        }
        if pod.value(at: "status", "podIP") == nil { setPodIP(&pod, runtime.podIP) }
        if exitCode == 0 {
            setConditions(&pod, initialized: "PodCompleted", ready: false, reason: "PodCompleted")
        } else {
            setConditions(&pod, ready: false, reason: "PodFailed")
        }
    }

    /// The kubelet stopping a pod that is being deleted: a running container gets SIGTERM and
    /// exits 143; the pod is Failed without its IP (put back by the next step).
    static func stopForDeletion(_ pod: inout JSON, runtime: inout Runtime) {
        let statuses = pod.value(at: "status", "containerStatuses")?.array ?? []
        if statuses.contains(where: { $0.value(at: "state", "running") != nil }) {
            terminate(&pod, runtime: &runtime, exitCode: 143, reason: "Error", message: nil, zeroStartTime: false)
        } else if !statuses.isEmpty {
            terminate(&pod, runtime: &runtime, exitCode: 137, reason: "ContainerStatusUnknown",
                      message: "The container could not be located when the pod was terminated", zeroStartTime: false)
        }
        pod.set(["status", "phase"], "Failed")
        setPodIP(&pod, nil)
    }
}
