import Foundation
import KubernetesClient

/// The last known state of every arkd pod in one namespace, fed by a single list+watch, and
/// handed to the jobs that follow them: status comes from one watch per namespace, never from
/// asking per job per cycle.
actor PodWatchHub {
    /// What the list+watch delivers.
    enum Event: Sendable {
        /// A full listing (at start and after a relist on 410 Gone): pods not in it are gone.
        case snapshot([Pod])
        case changed(Pod)
        case deleted(Pod)
    }

    /// What a follower of one pod receives: its state, or that it no longer exists.
    enum Update: Sendable {
        case present(Pod)
        case gone
    }

    let namespace: String
    private var pods: [String: Pod] = [:]
    private(set) var isSynced = false
    private var followers: [String: [UUID: AsyncStream<Update>.Continuation]] = [:]
    private var syncWaiters: [UUID: CheckedContinuation<Void, Never>] = [:]

    init(namespace: String) {
        self.namespace = namespace
    }

    /// Applies the watch's events until it ends (when the executor stops).
    func consume<Events: AsyncSequence & Sendable>(_ events: Events) async where Events.Element == Event {
        do {
            for try await event in events { apply(event) }
        } catch {
            return
        }
    }

    func apply(_ event: Event) {
        switch event {
        case .snapshot(let listed):
            let previous = Set(pods.keys)
            pods = Dictionary(listed.compactMap { pod in pod.metadata.name.map { ($0, pod) } },
                              uniquingKeysWith: { _, last in last })
            for name in previous.subtracting(pods.keys) { publish(.gone, to: name) }
            for (name, pod) in pods { publish(.present(pod), to: name) }
            if !isSynced {
                isSynced = true
                for waiter in syncWaiters.values { waiter.resume() }
                syncWaiters = [:]
            }
        case .changed(let pod):
            guard let name = pod.metadata.name else { return }
            pods[name] = pod
            publish(.present(pod), to: name)
        case .deleted(let pod):
            guard let name = pod.metadata.name else { return }
            pods[name] = nil
            publish(.gone, to: name)
        }
    }

    /// Records a pod arkd itself just created or read, unless the watch already delivered it: the
    /// create's answer can arrive before the watch's ADDED, and a follower must not take the
    /// pod's absence from the watch for a deletion. The watch's own events are never older, so
    /// they replace this as they come.
    func learn(_ pod: Pod) {
        guard let name = pod.metadata.name, pods[name] == nil else { return }
        pods[name] = pod
        publish(.present(pod), to: name)
    }

    /// The pod's state now (once the first listing arrived) and every change after.
    func follow(_ name: String) -> AsyncStream<Update> {
        let (stream, continuation) = AsyncStream<Update>.makeStream(bufferingPolicy: .bufferingNewest(8))
        let token = UUID()
        followers[name, default: [:]][token] = continuation
        continuation.onTermination = { _ in
            Task { await self.stopFollowing(name, token: token) }
        }
        if isSynced { continuation.yield(pods[name].map(Update.present) ?? .gone) }
        return stream
    }

    /// The pod as last seen, after the first listing; `nil` when it does not exist.
    func pod(named name: String) async -> Pod? {
        await synced()
        return pods[name]
    }

    /// Every pod after the first listing, for reconciliation.
    func allPods() async -> [Pod] {
        await synced()
        return Array(pods.values)
    }

    /// Sends every follower its pod's state again, so that grace periods are checked even when
    /// nothing changes (a pod waiting on an image pull says nothing new for minutes).
    func remind() {
        guard isSynced else { return }
        for name in followers.keys { publish(pods[name].map(Update.present) ?? .gone, to: name) }
    }

    /// Waits for the first listing; gives up when the waiting task is cancelled (shutdown while
    /// the API server is unreachable).
    private func synced() async {
        guard !isSynced else { return }
        let token = UUID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if isSynced || Task.isCancelled {
                    continuation.resume()
                } else {
                    syncWaiters[token] = continuation
                }
            }
        } onCancel: {
            Task { await self.stopWaiting(token) }
        }
    }

    private func stopWaiting(_ token: UUID) {
        syncWaiters.removeValue(forKey: token)?.resume()
    }

    private func publish(_ update: Update, to name: String) {
        for continuation in followers[name]?.values ?? [:].values { continuation.yield(update) }
    }

    private func stopFollowing(_ name: String, token: UUID) {
        followers[name]?[token] = nil
        if followers[name]?.isEmpty == true { followers[name] = nil }
    }
}
