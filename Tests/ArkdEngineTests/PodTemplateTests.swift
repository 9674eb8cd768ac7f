import Foundation
import JobDescriptions
import KubernetesClient
import Testing
@testable import ArkdEngine

@Suite("pod template")
struct PodTemplateTests {
    private let id = JobID(rawValue: "abcdefghjkmnpqrs")!

    private func plan(volume: KubernetesSettings.SessionVolume = .persistentVolumeClaim("sessions"),
                      edit: (inout JobDescription) -> Void = { _ in }) throws -> PodPlan {
        var job = JobDescription()
        job.executable = "run.sh"
        job.count = 2
        job.memoryMB = 512
        job.wallTime = 600
        job.environment = [EnvironmentVariable(name: "MODE", value: "test")]
        job.runTimeEnvironments = [RuntimeEnvironment(name: "ENV/ARKD-CONTAINER", options: ["busybox:1.36", "gpus=1"])]
        edit(&job)
        let planner = PodPlanner(settings: KubernetesSettings(sessionVolume: volume), sessionRoot: "/srv/sessions")
        let policy = QueuePolicy(namespace: "grid", runAsUser: 1000, runAsGroup: 1000,
                                 nodeSelector: ["pool": "grid"],
                                 tolerations: [TolerationPolicy(key: "gpu", operator: "Exists", effect: "NoSchedule")],
                                 kueueQueue: "grid-lq")
        return try planner.plan(ExecutionRequest(jobID: id, description: job, sessionDirectory: "/srv/sessions/" + id.rawValue),
                                queue: "default", policy: policy)
    }

    private func json(_ pod: Pod) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: KubernetesJSON.encode(pod)) as? [String: Any])
    }

    @Test("the pod carries arkd's labels, the harvest finalizer and the plan's resources as requests = limits")
    func shape() throws {
        let pod = PodTemplate.pod(for: try plan())
        #expect(pod.metadata.name == "arkd-abcdefghjkmnpqrs")
        #expect(pod.metadata.namespace == "grid")
        #expect(pod.metadata.labels == ["app.kubernetes.io/managed-by": "arkd", "arkd.io/job": id.rawValue,
                                        "arkd.io/queue": "default", "kueue.x-k8s.io/queue-name": "grid-lq"])
        #expect(pod.metadata.finalizers == ["arkd.io/harvest"])
        let spec = try #require(pod.spec)
        #expect(spec.restartPolicy == "Never")
        #expect(spec.activeDeadlineSeconds == 600)
        #expect(spec.automountServiceAccountToken == false)
        #expect(spec.nodeSelector == ["pool": "grid"])
        #expect(spec.tolerations == [Toleration(key: "gpu", operator: "Exists", effect: "NoSchedule")])
        let container = try #require(spec.containers.first)
        #expect(container.image == "busybox:1.36")
        #expect(container.command == ["/session/run.sh"])
        #expect(container.workingDir == "/session")
        #expect(container.resources?.requests == ["cpu": "2", "memory": "1024Mi", "nvidia.com/gpu": "1"])
        #expect(container.resources?.limits == container.resources?.requests)
        #expect(container.env == [EnvVar(name: "MODE", value: "test"), EnvVar(name: "ARKD_JOB_ID", value: id.rawValue)])
        #expect(container.volumeMounts == [VolumeMount(name: "session", mountPath: "/session", subPath: id.rawValue)])
        #expect(spec.volumes == [Volume(name: "session", persistentVolumeClaim: PersistentVolumeClaimVolumeSource(claimName: "sessions"))])
    }

    /// The controls of the Pod Security Standards "restricted" profile (v1.28) that apply to a pod
    /// without host namespaces, probes or extra volume types.
    @Test("the pod passes the restricted Pod Security profile; hostPath is the one exception, by choice")
    func restrictedProfile() throws {
        let pod = try json(PodTemplate.pod(for: try plan()))
        let spec = try #require(pod["spec"] as? [String: Any])
        let podSecurity = try #require(spec["securityContext"] as? [String: Any])
        #expect(podSecurity["runAsNonRoot"] as? Bool == true)
        #expect((podSecurity["seccompProfile"] as? [String: Any])?["type"] as? String == "RuntimeDefault")
        #expect(spec["hostNetwork"] == nil && spec["hostPID"] == nil && spec["hostIPC"] == nil)
        for container in try #require(spec["containers"] as? [[String: Any]]) {
            let security = try #require(container["securityContext"] as? [String: Any])
            #expect(security["allowPrivilegeEscalation"] as? Bool == false)
            #expect(security["privileged"] as? Bool != true)
            #expect((security["capabilities"] as? [String: Any])?["drop"] as? [String] == ["ALL"])
            #expect((security["capabilities"] as? [String: Any])?["add"] == nil)
            #expect(security["runAsNonRoot"] as? Bool == true)
            #expect((security["runAsUser"] as? Int ?? 1) != 0)
            #expect(container["ports"] == nil)
        }
        let allowedVolumeTypes: Set = ["name", "persistentVolumeClaim", "emptyDir", "configMap", "secret", "projected",
                                       "downwardAPI", "csi", "ephemeral"]
        for volume in try #require(spec["volumes"] as? [[String: Any]]) {
            #expect(Set(volume.keys).isSubset(of: allowedVolumeTypes))
        }
        let hostPath = try json(PodTemplate.pod(for: try plan(volume: .hostPath("/srv/sessions"))))
        let volumes = try #require((hostPath["spec"] as? [String: Any])?["volumes"] as? [[String: Any]])
        #expect((volumes.first?["hostPath"] as? [String: Any])?["type"] as? String == "Directory")
    }

    /// Field names the API server's OpenAPI (v1.28 core/v1) lists for each object, so that a typo
    /// in the template is caught here rather than as a 400 from `fieldValidation=Strict`.
    @Test("every field written is one core/v1 knows, and nothing is null")
    func knownFieldsOnly() throws {
        let known: [String: Set<String>] = [
            "pod": ["apiVersion", "kind", "metadata", "spec"],
            "metadata": ["name", "namespace", "labels", "finalizers"],
            "spec": ["containers", "restartPolicy", "activeDeadlineSeconds", "terminationGracePeriodSeconds",
                     "automountServiceAccountToken", "enableServiceLinks", "securityContext", "volumes", "nodeSelector",
                     "tolerations"],
            "container": ["name", "image", "imagePullPolicy", "command", "workingDir", "env", "resources",
                          "securityContext", "volumeMounts"],
            "containerSecurity": ["runAsUser", "runAsGroup", "runAsNonRoot", "allowPrivilegeEscalation", "privileged",
                                  "capabilities", "seccompProfile"],
            "podSecurity": ["runAsUser", "runAsGroup", "runAsNonRoot", "seccompProfile"],
            "toleration": ["key", "operator", "value", "effect", "tolerationSeconds"],
        ]
        let pod = try json(PodTemplate.pod(for: try plan()))
        let spec = try #require(pod["spec"] as? [String: Any])
        let container = try #require((spec["containers"] as? [[String: Any]])?.first)
        let checks: [(String, [String: Any]?)] = [
            ("pod", pod), ("metadata", pod["metadata"] as? [String: Any]), ("spec", spec), ("container", container),
            ("containerSecurity", container["securityContext"] as? [String: Any]),
            ("podSecurity", spec["securityContext"] as? [String: Any]),
            ("toleration", (spec["tolerations"] as? [[String: Any]])?.first),
        ]
        for (kind, object) in checks {
            let fields = try #require(object, "\(kind) missing")
            #expect(Set(fields.keys).isSubset(of: known[kind] ?? []), "\(kind): \(fields.keys.sorted())")
            #expect(!fields.values.contains { $0 is NSNull }, "\(kind) holds a null")
        }
        #expect(pod["apiVersion"] as? String == "v1" && pod["kind"] as? String == "Pod")
    }

    @Test("the name is a DNS-1123 label for every job id")
    func names() {
        for _ in 0..<100 {
            let name = PodPlan.podName(for: .random())
            #expect(name.count <= 63)
            #expect(name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" })
        }
    }
}
