@testable import ArkdEngine
import Foundation
import KubernetesClient
import Testing

@Suite("nodes and their load, for /v1/info and ARC's information system", .timeLimit(.minutes(2)))
struct NodeCapacityTests {
    static func pod(_ name: String, node: String?, cpu: String?, limitOnly: Bool = false) -> Pod {
        let resources = cpu.map { limitOnly ? ResourceRequirements(limits: ["cpu": $0]) : ResourceRequirements(requests: ["cpu": $0]) }
        var pod = Pod(metadata: ObjectMeta(name: name),
                      spec: PodSpec(containers: [Container(name: "c", image: "busybox", resources: resources)]))
        pod.spec?.nodeName = node
        return pod
    }

    @Test("every pod bound to a node counts, arkd's or not: CPU requests, else limits; cordoned or unready nodes")
    func capacities() {
        let ready = NodeStatus(allocatable: ["cpu": "3800m", "memory": "16Gi"],
                               conditions: [.init(type: "Ready", status: "True")])
        let nodes = [
            Node(metadata: ObjectMeta(name: "a"), status: ready),
            Node(metadata: ObjectMeta(name: "b"), spec: NodeSpec(unschedulable: true), status: ready),
            Node(metadata: ObjectMeta(name: "c"), status: NodeStatus(capacity: ["cpu": "8", "memory": "1000Mi"])),
        ]
        let pods = [Self.pod("grid-1", node: "a", cpu: "1"), Self.pod("web", node: "a", cpu: "250m"),
                    Self.pod("batch", node: "a", cpu: "2", limitOnly: true), Self.pod("pending", node: nil, cpu: "4"),
                    Self.pod("idle", node: "b", cpu: nil)]
        let result = ClientPodOperations.capacities(nodes: nodes, pods: pods)
        #expect(result.map(\.name) == ["a", "b", "c"])
        #expect(result[0] == NodeCapacity(name: "a", cpus: 3.8, memoryMiB: 16384, pods: 3, usedCPUs: 3.25, schedulable: true))
        #expect(result[1].pods == 1 && result[1].usedCPUs == 0 && !result[1].schedulable)
        #expect(result[2].cpus == 8 && result[2].memoryMiB == 1000 && !result[2].schedulable, "no Ready condition")
    }

    @Test("quantities: plain, milli, binary and decimal suffixes, exponents; garbage is nil")
    func quantities() {
        #expect(ResourceQuantity.value("500m") == 0.5)
        #expect(ResourceQuantity.value("2") == 2)
        #expect(ResourceQuantity.value("1Gi") == 1_073_741_824)
        #expect(ResourceQuantity.value("24684084Ki") == 25_276_502_016)
        #expect(ResourceQuantity.value("1.5k") == 1500)
        #expect(ResourceQuantity.value("8e3") == 8000)
        #expect(ResourceQuantity.value("lots") == nil && ResourceQuantity.value("-1") == nil && ResourceQuantity.value("") == nil)
    }

    @Test("against the fake API server: arkd's running pod and another tenant's pod load the node")
    func throughTheAPI() async throws {
        let harness = try await KubernetesHarness()
        defer { Task { await harness.shutdown() } }
        let configuration = try Kubeconfig(yaml: harness.fake.kubeconfig(namespace: "default"), directory: "/")
            .configuration()
        let client = try KubernetesClient(configuration: configuration)
        var other = Self.pod("tenant-web", node: nil, cpu: "500m")
        other.metadata.namespace = "default"
        _ = try await client.createPod(other, namespace: "default")
        try await client.shutdown()
        try await harness.withEngine { engine in
            let records = try await engine.submit(JobSubmission(text: Array(#"&(executable="/bin/forever")(count=1)"#.utf8)))
            let id = try #require(records.first?.id)
            for _ in 0..<400 {
                if try await engine.store.job(id)?.state == .running { break }
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(try await engine.store.job(id)?.state == .running)
            let nodes = try await engine.nodes()
            #expect(nodes.count == 1)
            let node = try #require(nodes.first)
            #expect(node.name == "vm" && node.cpus == 2 && node.schedulable)
            #expect(node.pods == 2, "arkd's job and the other tenant's pod")
            #expect(node.usedCPUs == 1.5)
            _ = try await engine.cancel(id)
        }
    }
}
