/// The cluster's nodes, shaped like `80-nodes-01-list-admin` (one 2-CPU node named `vm`).
public enum FakeNode {
    /// A ready node with the given capacity; `allocatable` equals `capacity`.
    public static func make(name: String = "vm", address: String = "192.0.2.2", cpu: String = "2",
                            memory: String = "24684084Ki", pods: String = "110") -> JSON {
        let capacity: JSON = ["cpu": .string(cpu), "ephemeral-storage": "264212084Ki", "hugepages-1Gi": "0",
                              "hugepages-2Mi": "0", "memory": .string(memory), "pods": .string(pods)]
        let now = KubeTime.now
        func condition(_ type: String, _ status: String, _ reason: String, _ message: String) -> JSON {
            ["type": .string(type), "status": .string(status), "lastHeartbeatTime": .string(now),
             "lastTransitionTime": .string(now), "reason": .string(reason), "message": .string(message)]
        }
        return [
            "kind": "Node", "apiVersion": "v1",
            "metadata": [
                "name": .string(name), "uid": .string(KubeTime.uid()), "resourceVersion": "1", "creationTimestamp": .string(now),
                "labels": ["beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
                           "kubernetes.io/hostname": .string(name), "kubernetes.io/os": "linux"],
            ],
            "spec": .object([:]),
            "status": [
                "capacity": capacity, "allocatable": capacity,
                "conditions": [
                    condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                    condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                    condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                    condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
                ],
                "addresses": [["type": "InternalIP", "address": .string(address)], ["type": "Hostname", "address": .string(name)]],
                "daemonEndpoints": ["kubeletEndpoint": ["Port": 10250]],
                "nodeInfo": ["machineID": "00000000000000000000000000000001", "systemUUID": "00000000000000000000000000000001",
                             "bootID": "00000000-0000-0000-0000-000000000001", "kernelVersion": "6.1.0",
                             "osImage": "Debian GNU/Linux 12 (bookworm)", "containerRuntimeVersion": "containerd://1.6.20",
                             "kubeletVersion": "v1.28.7", "kubeProxyVersion": "v1.28.7", "operatingSystem": "linux",
                             "architecture": "amd64"],
            ],
        ]
    }
}
