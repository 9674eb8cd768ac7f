import Foundation
import KubernetesFake
import Testing

/// `kubectl` (if installed) can create, get, list and delete pods against the fake.
@Suite struct KubectlTests {
    static let kubectl = ["/usr/bin/kubectl", "/usr/local/bin/kubectl"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static func run(_ arguments: [String], kubeconfig: String) async throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: kubectl ?? "kubectl")
        process.arguments = ["--kubeconfig", kubeconfig, "--request-timeout=30s"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = await Task.detached { pipe.fileHandleForReading.readDataToEndOfFile() }.value
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test(.enabled(if: kubectl != nil, "kubectl is not installed (looked in /usr/bin and /usr/local/bin)"))
    func createGetListDelete() async throws {
        try await withFake({ $0.script = { _ in .runsForever(log: "hi\n") } }) { fake, _, _ in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kubectl-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let kubeconfig = directory.appendingPathComponent("config").path
            try fake.kubeconfig(namespace: "grid").write(toFile: kubeconfig, atomically: true, encoding: .utf8)
            let podFile = directory.appendingPathComponent("pod.json").path
            try TestPods.body(name: "arkd-fx-kubectl", job: "kubectl", finalizer: false).write(to: URL(fileURLWithPath: podFile))

            let created = try await Self.run(["create", "-f", podFile], kubeconfig: kubeconfig)
            #expect(created.status == 0, "\(created.output)")
            #expect(fake.requests.contains { $0.verb == "create" && $0.query.contains("fieldValidation=Strict") })
            #expect(created.output.contains("pod/arkd-fx-kubectl created"))
            let listed = try await Self.run(["get", "pods"], kubeconfig: kubeconfig)
            #expect(listed.status == 0, "\(listed.output)")
            #expect(listed.output.contains("arkd-fx-kubectl"))
            let single = try await Self.run(["get", "pod", "arkd-fx-kubectl", "-o", "jsonpath={.metadata.name}"], kubeconfig: kubeconfig)
            #expect(single.output == "arkd-fx-kubectl", "\(single.output)")
            let log = try await Self.run(["logs", "arkd-fx-kubectl"], kubeconfig: kubeconfig)
            #expect(log.status == 0, "\(log.output)")
            let deleted = try await Self.run(["delete", "pod", "arkd-fx-kubectl", "--wait=false"], kubeconfig: kubeconfig)
            #expect(deleted.status == 0, "\(deleted.output)")
            #expect(deleted.output.contains("pod \"arkd-fx-kubectl\" deleted"))
        }
    }
}
