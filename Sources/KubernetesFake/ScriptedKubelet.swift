import Foundation

/// Plays each pod's ``PodScript`` against the store, handles graceful deletion (SIGTERM → exit
/// 143 → final delete) and stands in for the pod garbage collector, and keeps the pods' logs.
actor ScriptedKubelet {
    private enum Step: Sendable {
        case scripted(KubeletStep)
        case stopForDeletion
        case restorePodIP
        case finalDelete
        case markFailedByGarbageCollector
    }

    private struct Run {
        var queue: [Step]
        var repeating: [KubeletStep]
        var runtime: PodStatusWriter.Runtime
        var task: Task<Void, Never>?
        var deleting = false
        var hasWork: Bool { !queue.isEmpty || !repeating.isEmpty }
    }

    private let store: ClusterStore
    private let pacing: KubeletPacing
    private let chooser: @Sendable (JSON) -> PodScript?
    private var runs: [String: Run] = [:]
    private var logs: [String: [(time: Date, text: String)]] = [:]
    private var nextAddress = 10

    init(store: ClusterStore, pacing: KubeletPacing, chooser: @escaping @Sendable (JSON) -> PodScript?) {
        self.store = store
        self.pacing = pacing
        self.chooser = chooser
    }

    private func allocateIP() -> String {
        nextAddress += 1
        return "10.88.\(nextAddress / 250).\(nextAddress % 250 + 2)"
    }

    /// Starts the pod's script (if the chooser gives one; without one the pod stays Pending).
    func podCreated(key: String, pod: JSON) {
        guard let script = chooser(pod) else { return }
        runs[key] = Run(queue: script.steps.map(Step.scripted), repeating: script.repeating,
                        runtime: .init(podIP: allocateIP()))
        schedule(key)
    }

    /// Replaces the rest of the script by what the kubelet does for a deleted pod.
    func podDeleting(key: String, pod: JSON) {
        let scheduled = !(pod.value(at: "spec", "nodeName")?.string ?? "").isEmpty
        var run = runs[key] ?? Run(queue: [], repeating: [], runtime: .init(podIP: allocateIP()))
        if run.deleting { return }
        run.deleting = true
        run.repeating = []
        if !scheduled {
            run.queue = ClusterStore.isFinished(pod) || ClusterStore.finalizers(pod).isEmpty ? [] : [.markFailedByGarbageCollector]
        } else if ClusterStore.isFinished(pod) {
            run.queue = [.finalDelete]
        } else {
            run.queue = [.stopForDeletion, .restorePodIP, .finalDelete]
        }
        runs[key] = run
        schedule(key)
    }

    func podRemoved(key: String) {
        runs.removeValue(forKey: key)?.task?.cancel()
        logs[key] = nil
    }

    private func schedule(_ key: String) {
        guard case .automatic(let delay) = pacing, var run = runs[key], run.task == nil, run.hasWork else { return }
        run.task = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: delay)
                guard let self, !Task.isCancelled, await self.step(key: key) else { break }
            }
            await self?.taskEnded(key: key)
        }
        runs[key] = run
    }

    private func taskEnded(key: String) {
        runs[key]?.task = nil
        if runs[key]?.hasWork == true { schedule(key) }
    }

    /// Performs one step of every pod; returns how many pods changed (for the manual pacing).
    func advanceAll() async -> Int {
        var count = 0
        for key in runs.keys.sorted() where await step(key: key) { count += 1 }
        return count
    }

    /// Performs the pod's next step; false when it has nothing left to do or is gone.
    func step(key: String) async -> Bool {
        guard let step = nextStep(key: key) else { return false }
        let nodes = await store.nodes
        if case .finalDelete = step {
            await store.finalizeDeletion(key: key)
        } else {
            while let pod = await store.pod(key: key), var runtime = runs[key]?.runtime {
                var updated = pod
                switch step {
                case .scripted(let scripted): PodStatusWriter.apply(scripted, to: &updated, runtime: &runtime, nodes: nodes)
                case .stopForDeletion: PodStatusWriter.stopForDeletion(&updated, runtime: &runtime)
                case .restorePodIP: PodStatusWriter.apply(.restorePodIP, to: &updated, runtime: &runtime, nodes: nodes)
                case .markFailedByGarbageCollector: updated.set(["status", "phase"], "Failed")
                case .finalDelete: break
                }
                if await store.replace(key: key, expecting: pod, with: updated) {
                    runs[key]?.runtime = runtime
                    break
                }
            }
        }
        if await store.pod(key: key) == nil { podRemoved(key: key) }
        return true
    }

    /// Takes the next status step off the pod's queue, recording log output on the way.
    private func nextStep(key: String) -> Step? {
        guard var run = runs[key] else { return nil }
        defer { runs[key] = run }
        while true {
            if run.queue.isEmpty {
                guard !run.repeating.isEmpty else { return nil }
                run.queue = run.repeating.map(Step.scripted)
            }
            let step = run.queue.removeFirst()
            guard case .scripted(.log(let text)) = step else { return step }
            appendLog(key: key, text: text)
        }
    }

    // MARK: Logs

    func appendLog(key: String, text: String) {
        guard !text.isEmpty else { return }
        var lines = logs[key] ?? []
        var rest = Substring(text)
        while !rest.isEmpty {
            let end = rest.firstIndex(of: "\n").map { rest.index(after: $0) } ?? rest.endIndex
            lines.append((Date(), String(rest[..<end])))
            rest = rest[end...]
        }
        logs[key] = lines
    }

    func log(key: String) -> [(time: Date, text: String)] { logs[key] ?? [] }
}
