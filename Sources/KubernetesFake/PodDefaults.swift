import Foundation

/// The defaults the API server fills in on create (recorded in `10-create-01-valid-pod`).
///
/// A client that compares what it sent with what it got back, or that reads `qosClass`, must see
/// the same additions from the fake as from a real cluster.
enum PodDefaults {
    static let defaultTolerations: [JSON] = ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"].map {
        ["key": .string($0), "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300]
    }

    /// Applies the spec defaults and the initial status to a decoded Pod.
    static func apply(to pod: inout JSON) {
        var spec = pod["spec"] ?? .object([:])
        func setIfMissing(_ key: String, _ value: JSON) {
            if spec[key] == nil { spec[key] = value }
        }
        if case .array(let containers) = spec["containers"] {
            spec["containers"] = .array(containers.map(defaultContainer))
        }
        if case .array(let containers) = spec["initContainers"] {
            spec["initContainers"] = .array(containers.map(defaultContainer))
        }
        setIfMissing("restartPolicy", "Always")
        setIfMissing("terminationGracePeriodSeconds", 30)
        setIfMissing("dnsPolicy", "ClusterFirst")
        if let account = spec["serviceAccountName"]?.string ?? spec["serviceAccount"]?.string {
            spec["serviceAccountName"] = .string(account)
            spec["serviceAccount"] = .string(account)
        } else {
            spec["serviceAccountName"] = "default"
            spec["serviceAccount"] = "default"
        }
        setIfMissing("securityContext", .object([:]))
        setIfMissing("schedulerName", "default-scheduler")
        var tolerations = spec["tolerations"]?.array ?? []
        for toleration in defaultTolerations where !tolerations.contains(where: { $0["key"] == toleration["key"] }) {
            tolerations.append(toleration)
        }
        spec["tolerations"] = .array(tolerations)
        setIfMissing("priority", 0)
        setIfMissing("enableServiceLinks", true)
        setIfMissing("preemptionPolicy", "PreemptLowerPriority")
        pod["spec"] = spec
        pod["status"] = ["phase": "Pending", "qosClass": .string(qosClass(of: spec))]
    }

    private static func defaultContainer(_ container: JSON) -> JSON {
        var container = container
        if container["terminationMessagePath"] == nil { container["terminationMessagePath"] = "/dev/termination-log" }
        if container["terminationMessagePolicy"] == nil { container["terminationMessagePolicy"] = "File" }
        if container["imagePullPolicy"] == nil {
            let image = container["image"]?.string ?? ""
            let lastComponent = image.split(separator: "/").last ?? ""
            let tagged = lastComponent.contains(":") && !image.hasSuffix(":latest")
            container["imagePullPolicy"] = tagged || image.contains("@") ? "IfNotPresent" : "Always"
        }
        if let limits = container.value(at: "resources", "limits")?.object {
            var requests = container.value(at: "resources", "requests")?.object ?? [:]
            for (resource, value) in limits where requests[resource] == nil { requests[resource] = value }
            container.set(["resources", "requests"], .object(requests))
        }
        if container["resources"] == nil { container["resources"] = .object([:]) }
        return container
    }

    /// Guaranteed when every container's requests equal its cpu and memory limits, BestEffort
    /// when nothing is requested or limited, Burstable otherwise.
    static func qosClass(of spec: JSON) -> String {
        let containers = (spec["containers"]?.array ?? []) + (spec["initContainers"]?.array ?? [])
        var anything = false
        var guaranteed = true
        for container in containers {
            let limits = container.value(at: "resources", "limits")?.object ?? [:]
            let requests = container.value(at: "resources", "requests")?.object ?? [:]
            if !limits.isEmpty || !requests.isEmpty { anything = true }
            for resource in ["cpu", "memory"] {
                guard let limit = limits[resource]?.string.flatMap(Quantity.init) else {
                    guaranteed = false
                    continue
                }
                if let request = requests[resource]?.string.flatMap(Quantity.init), request != limit { guaranteed = false }
            }
        }
        if !anything { return "BestEffort" }
        return guaranteed ? "Guaranteed" : "Burstable"
    }
}
