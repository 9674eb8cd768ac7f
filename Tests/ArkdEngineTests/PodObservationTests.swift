import Foundation
import KubernetesClient
import KubernetesFixtures
import Testing
@testable import ArkdEngine

/// Pod states as a real v1.28 cluster reported them (the recorded fixtures), read as outcomes.
@Suite("pod observation")
struct PodObservationTests {
    private func pod(_ fixture: String) throws -> Pod {
        try KubernetesJSON.decode(Pod.self, from: RecordedExchange.named(fixture).response.body)
    }

    private func outcome(_ fixture: String, cancelled: Bool = false) throws -> JobOutcome? {
        guard case .ended(let result) = PodObservation(of: try pod(fixture), cancelled: cancelled) else { return nil }
        return result.outcome
    }

    @Test("exit codes are the container's own")
    func exitCodes() throws {
        #expect(try outcome("31-exit0-04-get") == .exited(exitCode: 0))
        #expect(try outcome("30-exit3-04-get") == .exited(exitCode: 3))
    }

    @Test("accounting comes from the container's start and end and the node")
    func accounting() throws {
        guard case .ended(let result) = PodObservation(of: try pod("30-exit3-04-get"), cancelled: false) else {
            Issue.record("not ended")
            return
        }
        #expect(result.accounting.nodeName != nil)
        let wall = try #require(result.accounting.wallSeconds)
        #expect(wall >= 1 && wall < 10)
    }

    @Test("limits fail the job with the limit as the reason and the signal as 256+N")
    func limits() throws {
        #expect(try outcome("32-oom-04-get") == .failed(reason: "memory limit exceeded (OOMKilled)", exitCode: 265))
        let deadline = try #require(try outcome("33-deadline-04-get"))
        #expect(deadline.reason?.hasPrefix("wall time limit exceeded") == true)
        #expect(deadline.exitCode == 265)
    }

    @Test("a payload that cannot start fails without an invented exit code")
    func startError() throws {
        let failed = try #require(try outcome("34-command-not-found-04-get"))
        #expect(failed.terminalState == .failed)
        #expect(failed.exitCode == nil)
        #expect(failed.reason?.contains("no such file or directory") == true)
    }

    @Test("image and configuration problems and unschedulable pods are waits, bounded by the executor")
    func waits() throws {
        #expect(PodObservation(of: try pod("35-image-never-pull-04-get"), cancelled: false)
            == .waiting(.image(reason: "ErrImageNeverPull", message: try #require(try pod("35-image-never-pull-04-get")
                .status?.containerStatuses?.first?.state?.waiting?.message))))
        guard case .waiting(.image(let reason, _)) = PodObservation(of: try pod("36-image-pull-fails-04-get"), cancelled: false) else {
            Issue.record("pull failure is not an image wait")
            return
        }
        #expect(reason == "ErrImagePull")
        guard case .waiting(.configuration(let config, _)) = PodObservation(of: try pod("38-run-as-non-root-violation-04-get"),
                                                                            cancelled: false) else {
            Issue.record("runAsNonRoot violation is not a configuration wait")
            return
        }
        #expect(config == "CreateContainerConfigError")
        guard case .waiting(.unschedulable(let message)) = PodObservation(of: try pod("37-unschedulable-04-get"), cancelled: false) else {
            Issue.record("unschedulable pod not recognised")
            return
        }
        #expect(message.contains("Insufficient cpu"))
    }

    @Test("an evicted pod fails its job with the kubelet's message and no exit code")
    func evicted() {
        let pod = Pod(metadata: ObjectMeta(name: "arkd-x", namespace: "grid"),
                      spec: PodSpec(containers: [Container(name: "job")], nodeName: "node-1"),
                      status: PodStatus(phase: .failed, reason: "Evicted",
                                        message: "The node was low on resource: ephemeral-storage."))
        guard case .ended(let result) = PodObservation(of: pod, cancelled: false) else {
            Issue.record("not ended")
            return
        }
        #expect(result.outcome == .failed(reason: "evicted: The node was low on resource: ephemeral-storage.", exitCode: nil))
        #expect(result.accounting.nodeName == "node-1")
    }

    @Test("a running pod is running, whatever its phase says about readiness")
    func running() throws {
        guard case .running(let started) = PodObservation(of: try pod("20-read-01-get-pod-running"), cancelled: false) else {
            Issue.record("not running")
            return
        }
        #expect(started != nil)
    }

    @Test("a pod deleted by someone else fails the job; deleted by arkd's cancel, it is killed")
    func deletions() throws {
        #expect(try outcome("37-unschedulable-07-get-marked-failed") == .failed(reason: "pod deleted externally", exitCode: nil))
        #expect(try outcome("37-unschedulable-07-get-marked-failed", cancelled: true) == .killed(exitCode: nil))
        #expect(try outcome("51-finalizer-merge-05-get-stopped", cancelled: true) == .killed(exitCode: 271))
        #expect(try outcome("51-finalizer-merge-05-get-stopped") == .failed(reason: "pod deleted externally", exitCode: nil))
        #expect(try outcome("37-unschedulable-06-get-after-delete") == .failed(reason: "pod deleted externally", exitCode: nil))
    }

    @Test("along a recorded watch, the first ended state already holds the outcome the final pod gives",
          arguments: [("30-exit3-02-watch", "30-exit3-04-get"), ("31-exit0-02-watch", "31-exit0-04-get"),
                      ("32-oom-02-watch", "32-oom-04-get"), ("33-deadline-02-watch", "33-deadline-04-get"),
                      ("34-command-not-found-02-watch", "34-command-not-found-04-get")])
    func watchSequences(watch: String, final: String) throws {
        let outcomes = try RecordedExchange.named(watch).response.events.compactMap { event -> JobOutcome? in
            switch try KubernetesJSON.decode(WatchEvent<Pod>.self, from: event) {
            case .added(let pod), .modified(let pod):
                if case .ended(let result) = PodObservation(of: pod, cancelled: false) { return result.outcome }
                return nil
            default:
                return nil
            }
        }
        #expect(!outcomes.isEmpty)
        #expect(Set(outcomes) == [try #require(try outcome(final))])
    }
}
