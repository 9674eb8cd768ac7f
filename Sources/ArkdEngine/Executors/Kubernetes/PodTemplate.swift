import KubernetesClient

/// Writes a `PodPlan` as the pod arkd creates: restartPolicy Never, requests equal to limits
/// (Guaranteed QoS, so the kubelet evicts these pods last), the `arkd.io/harvest` finalizer
/// that keeps the pod until its outcome is stored, and the hardening of the Pod Security
/// Standards "restricted" profile.
enum PodTemplate {
    static func pod(for plan: PodPlan) -> Pod {
        var labels = [
            PodPlan.managedByLabel: "arkd",
            PodPlan.jobLabel: plan.jobID.rawValue,
            PodPlan.queueLabel: plan.queue,
        ]
        if let kueue = plan.kueueQueue { labels[PodPlan.kueueLabel] = kueue }
        var resources = ["cpu": "\(plan.cpus)", "memory": "\(plan.memoryMiB)Mi"]
        if plan.gpus > 0 { resources[plan.gpuResource] = "\(plan.gpus)" }
        let container = Container(
            name: PodPlan.containerName, image: plan.image, imagePullPolicy: "IfNotPresent", command: plan.command,
            workingDir: plan.workingDirectory,
            env: plan.environment.map { EnvVar(name: $0.name, value: $0.value) },
            resources: ResourceRequirements(requests: resources, limits: resources),
            securityContext: SecurityContext(
                runAsUser: Int64(plan.runAsUser), runAsGroup: Int64(plan.runAsGroup), runAsNonRoot: true,
                allowPrivilegeEscalation: false, privileged: false, capabilities: Capabilities(drop: ["ALL"]),
                seccompProfile: .runtimeDefault),
            volumeMounts: [VolumeMount(name: "session", mountPath: PodPlan.sessionMountPath, subPath: plan.sessionSubPath)])
        let volume: Volume = switch plan.sessionVolume {
        case .persistentVolumeClaim(let claim):
            Volume(name: "session", persistentVolumeClaim: PersistentVolumeClaimVolumeSource(claimName: claim))
        case .hostPath(let path):
            Volume(name: "session", hostPath: HostPathVolumeSource(path: path, type: "Directory"))
        }
        let spec = PodSpec(
            containers: [container], restartPolicy: "Never",
            activeDeadlineSeconds: plan.activeDeadlineSeconds.map(Int64.init),
            terminationGracePeriodSeconds: Int64(plan.terminationGracePeriodSeconds),
            automountServiceAccountToken: false, enableServiceLinks: false,
            securityContext: PodSecurityContext(runAsUser: Int64(plan.runAsUser), runAsGroup: Int64(plan.runAsGroup),
                                                runAsNonRoot: true, seccompProfile: .runtimeDefault),
            volumes: [volume],
            nodeSelector: plan.nodeSelector.isEmpty ? nil : plan.nodeSelector,
            tolerations: plan.tolerations.isEmpty ? nil : plan.tolerations.map {
                Toleration(key: $0.key, operator: $0.operator, value: $0.value, effect: $0.effect,
                           tolerationSeconds: $0.tolerationSeconds.map(Int64.init))
            })
        return Pod(metadata: ObjectMeta(name: plan.name, namespace: plan.namespace, labels: labels,
                                        finalizers: [PodPlan.finalizer]),
                   spec: spec)
    }
}
