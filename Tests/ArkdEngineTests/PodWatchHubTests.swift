import KubernetesClient
import Testing
@testable import ArkdEngine

@Suite("pod watch hub")
struct PodWatchHubTests {
    private func pod(_ name: String, phase: PodPhase = .pending) -> Pod {
        Pod(metadata: ObjectMeta(name: name, namespace: "grid"), status: PodStatus(phase: phase))
    }

    private func phase(_ update: PodWatchHub.Update?) -> PodPhase? {
        if case .present(let pod)? = update { return pod.status?.phase }
        return nil
    }

    @Test("a follower gets nothing before the first listing, then the pod's state and each change")
    func follow() async {
        let hub = PodWatchHub(namespace: "grid")
        var updates = await hub.follow("a").makeAsyncIterator()
        await hub.apply(.snapshot([pod("a"), pod("b")]))
        #expect(phase(await updates.next()) == .pending)
        await hub.apply(.changed(pod("b", phase: .running)))
        await hub.apply(.changed(pod("a", phase: .running)))
        #expect(phase(await updates.next()) == .running)
        await hub.apply(.deleted(pod("a", phase: .succeeded)))
        guard case .gone? = await updates.next() else {
            Issue.record("deletion not delivered")
            return
        }
    }

    @Test("a relist drops pods that vanished meanwhile and reports them gone")
    func relist() async {
        let hub = PodWatchHub(namespace: "grid")
        await hub.apply(.snapshot([pod("a"), pod("b")]))
        var updates = await hub.follow("b").makeAsyncIterator()
        #expect(phase(await updates.next()) == .pending)
        await hub.apply(.snapshot([pod("a")]))
        guard case .gone? = await updates.next() else {
            Issue.record("vanished pod not reported")
            return
        }
        #expect(await hub.pod(named: "b") == nil)
        #expect(await hub.pod(named: "a") != nil)
    }

    @Test("following a pod that does not exist says so at once after the listing")
    func missing() async {
        let hub = PodWatchHub(namespace: "grid")
        await hub.apply(.snapshot([]))
        var updates = await hub.follow("nobody").makeAsyncIterator()
        guard case .gone? = await updates.next() else {
            Issue.record("missing pod not reported")
            return
        }
    }

    @Test("a reminder repeats the current state to followers")
    func remind() async {
        let hub = PodWatchHub(namespace: "grid")
        await hub.apply(.snapshot([pod("a")]))
        var updates = await hub.follow("a").makeAsyncIterator()
        _ = await updates.next()
        await hub.remind()
        #expect(phase(await updates.next()) == .pending)
    }

    @Test("waiting for the first listing ends when the waiting task is cancelled")
    func cancelledWait() async {
        let hub = PodWatchHub(namespace: "grid")
        let waiter = Task { await hub.pod(named: "a") }
        waiter.cancel()
        #expect(await waiter.value == nil)
        #expect(await hub.isSynced == false)
    }
}
