import Foundation
import JobDescriptions
import KubernetesClient
import Logging
import ServiceLifecycle
import Synchronization

/// Runs each job as one pod (DESIGN §5): a deterministic name, status from one watch per
/// namespace, outcomes from the container's terminated state, and the `arkd.io/harvest`
/// finalizer removed only once the engine has stored the outcome.
///
/// Also a `Service`: `run()` keeps the namespaces' watches open for as long as the engine runs.
final class KubernetesExecutor: Executor, Service {
    let operations: any PodOperations
    private let site: SiteConfiguration
    private let planner: PodPlanner
    private let hubs: [String: PodWatchHub]
    private let cancelled = Mutex<Set<JobID>>([])
    private let waitingSince = Mutex<[JobID: Date]>([:])
    private let logger: Logger
    /// How often followers are reminded of their pod's state, so grace periods expire on time
    /// (within a tenth of the shortest, at most 5 s late).
    private let reminderInterval: Duration
    /// The last node listing and when it was made: `GET /v1/info` may be asked often (every
    /// `arkctl info`, ARC's information system each minute), the API server only every 30 s.
    let nodeListing = Mutex<(at: ContinuousClock.Instant, nodes: [NodeCapacity])?>(nil)

    static let labelSelector = "\(PodPlan.managedByLabel)=arkd"

    init(operations: any PodOperations, site: SiteConfiguration, sessionRoot: String,
         logger: Logger = Logger(label: "arkd.kubernetes")) {
        self.operations = operations
        self.site = site
        self.planner = PodPlanner(settings: site.kubernetes, sessionRoot: sessionRoot)
        self.hubs = Dictionary(uniqueKeysWithValues: Set(site.queues.values.map(\.namespace)).map { ($0, PodWatchHub(namespace: $0)) })
        let shortestWait = min(site.kubernetes.imagePullGrace, site.kubernetes.unschedulableTimeout)
        self.reminderInterval = min(max(shortestWait / 10, .milliseconds(100)), .seconds(5))
        self.logger = logger
    }

    func run() async throws {
        await withDiscardingTaskGroup { group in
            for (namespace, hub) in hubs {
                group.addTask {
                    await hub.consume(self.operations.watchPods(namespace: namespace, labelSelector: Self.labelSelector))
                }
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: self.reminderInterval)
                        await hub.remind()
                    }
                }
            }
        }
    }

    // MARK: Executor

    func submit(_ request: ExecutionRequest) async throws(ExecutorError) -> String {
        let (queue, policy) = try queue(of: request)
        let owner = try SessionOwnership.prepare(request, policy: policy)
        let plan = try planner.plan(request, queue: queue, policy: policy, owner: owner)
        let handle = plan.namespace + "/" + plan.name
        guard let hub = hubs[plan.namespace] else { throw ExecutorError("no watch for namespace '\(plan.namespace)'") }
        if let existing = await hub.pod(named: plan.name) {
            try adopt(existing, for: request.jobID)
            return handle
        }
        do {
            await hub.learn(try await operations.create(PodTemplate.pod(for: plan)))
            logger.info("pod created", metadata: ["job.id": "\(request.jobID)", "k8s.namespace": "\(plan.namespace)",
                                                  "k8s.pod": "\(plan.name)"])
            return handle
        } catch .alreadyExists {
            let existing: Pod
            do {
                existing = try await operations.get(plan.name, namespace: plan.namespace)
            } catch {
                throw Self.executorError(error, doing: "read the existing pod \(handle)")
            }
            try adopt(existing, for: request.jobID)
            return handle
        } catch {
            throw Self.executorError(error, doing: "create pod \(handle)")
        }
    }

    func observe(_ request: ExecutionRequest, handle: String,
                 onStart: @escaping @Sendable () async -> Void) async throws(ExecutorError) -> ExecutionResult {
        let (namespace, name) = try Self.split(handle)
        guard let hub = hubs[namespace] else { throw ExecutorError("no watch for namespace '\(namespace)'") }
        let settings = site.kubernetes
        var started = false
        var confirmedAbsence = false
        for await update in await hub.follow(name) {
            guard case .present(let pod) = update else {
                if !confirmedAbsence, let existing = try await confirmAbsence(of: name, in: namespace) {
                    await hub.learn(existing)
                    confirmedAbsence = true
                    continue
                }
                return ExecutionResult(outcome: isCancelled(request.jobID) ? .killed(exitCode: nil)
                                           : .failed(reason: "pod deleted externally", exitCode: nil),
                                       accounting: Accounting())
            }
            confirmedAbsence = true
            switch PodObservation(of: pod, cancelled: isCancelled(request.jobID)) {
            case .ended(let result):
                try await copyLogIfNeeded(request, pod: pod)
                return result
            case .running:
                waitingSince.withLock { $0[request.jobID] = nil }
                if !started {
                    started = true
                    await onStart()
                }
            case .waiting(.unschedulable(let message)):
                let since = pod.metadata.creationTimestamp ?? firstWait(of: request.jobID)
                if Date().timeIntervalSince(since) >= Self.seconds(settings.unschedulableTimeout) {
                    return Self.failure("unschedulable for more than \(Self.seconds(settings.unschedulableTimeout)) s: \(message)", pod)
                }
            case .waiting(.image(let reason, let message)), .waiting(.configuration(let reason, let message)):
                if Date().timeIntervalSince(firstWait(of: request.jobID)) >= Self.seconds(settings.imagePullGrace) {
                    return Self.failure("\(reason): \(message)", pod)
                }
            case .waiting(.scheduling), .waiting(.creating):
                waitingSince.withLock { $0[request.jobID] = nil }
            }
        }
        throw ExecutorError("observation interrupted by shutdown", isTransient: true)
    }

    /// Without a shell in the image, the payload's output exists only as the pod's log: it becomes
    /// the job's stdout (or stderr) file, owned like the session directory, before the outcome is
    /// reported (the pod and its log go once the outcome is stored).
    private func copyLogIfNeeded(_ request: ExecutionRequest, pod: Pod) async throws(ExecutorError) {
        guard let (_, policy) = site.queue(named: request.description.queue),
              let file = PodPlanner.logFile(for: request.description, policy: policy),
              let name = pod.metadata.name, let namespace = pod.metadata.namespace else { return }
        var status = stat()
        guard stat(request.sessionDirectory, &status) == 0 else {
            throw ExecutorError("cannot read the session directory '\(request.sessionDirectory)'")
        }
        do {
            try await operations.copyLog(of: name, namespace: namespace, container: PodPlan.containerName,
                                         to: request.sessionDirectory + "/" + file,
                                         owner: (Int(status.st_uid), Int(status.st_gid)))
        } catch .notFound {
            logger.warning("the pod's log is gone; the job's output file stays empty", metadata: ["k8s.pod": "\(name)"])
        } catch {
            throw Self.executorError(error, doing: "copy the log of pod \(namespace)/\(name)")
        }
    }

    /// A pod the watch does not show may only be one the watch has not shown yet (a listing taken
    /// before it was created): one read decides, once per observation. Returns the pod if it exists.
    private func confirmAbsence(of name: String, in namespace: String) async throws(ExecutorError) -> Pod? {
        do {
            return try await operations.get(name, namespace: namespace)
        } catch .notFound {
            return nil
        } catch {
            throw Self.executorError(error, doing: "read pod \(namespace)/\(name)")
        }
    }

    func cancel(_ request: ExecutionRequest, handle: String) async {
        cancelled.withLock { _ = $0.insert(request.jobID) }
        guard let (namespace, name) = try? Self.split(handle) else { return }
        let grace = Int(site.kubernetes.cancelGracePeriod.components.seconds)
        await retryingTransient("delete pod \(handle)") { () throws(PodOperationError) in
            try await self.operations.delete(name, namespace: namespace, gracePeriodSeconds: grace)
        }
    }

    func release(_ request: ExecutionRequest, handle: String?) async {
        defer {
            cancelled.withLock { _ = $0.remove(request.jobID) }
            waitingSince.withLock { $0[request.jobID] = nil }
        }
        guard let handle, let (namespace, name) = try? Self.split(handle) else { return }
        await retryingTransient("remove the finalizer of \(handle)") { () throws(PodOperationError) in
            try await self.operations.removeFinalizer(PodPlan.finalizer, from: name, namespace: namespace)
        }
        let alreadyDeleting = await hubs[namespace]?.pod(named: name)?.metadata.deletionTimestamp != nil
        if !alreadyDeleting {
            await retryingTransient("delete pod \(handle)") { () throws(PodOperationError) in
                try await self.operations.delete(name, namespace: namespace, gracePeriodSeconds: 0)
            }
        }
    }

    // MARK: Reconciliation

    /// After a restart: pods of jobs that already ended lose their finalizer and go; pods no
    /// stored job knows are reported, never deleted (they may be another arkd's).
    func reconcile(with store: JobStore) async {
        for hub in hubs.values {
            for pod in await hub.allPods() {
                guard let name = pod.metadata.name else { continue }
                guard let label = pod.metadata.labels?[PodPlan.jobLabel], let id = JobID(rawValue: label),
                      let record = try? await store.job(id) else {
                    logger.warning("pod labelled managed-by=arkd belongs to no stored job; leaving it alone",
                                   metadata: ["k8s.namespace": "\(hub.namespace)", "k8s.pod": "\(name)"])
                    continue
                }
                if record.state.isTerminal, pod.metadata.finalizers?.contains(PodPlan.finalizer) == true {
                    await release(ExecutionRequest(jobID: id, description: record.description,
                                                   sessionDirectory: record.sessionDirectory),
                                  handle: hub.namespace + "/" + name)
                }
            }
        }
    }

    // MARK: Helpers

    private func queue(of request: ExecutionRequest) throws(ExecutorError) -> (String, QueuePolicy) {
        guard let (name, policy) = site.queue(named: request.description.queue) else {
            throw ExecutorError("queue '\(request.description.queue ?? site.defaultQueue)' does not exist at this site ("
                                + site.queues.keys.sorted().joined(separator: ", ") + ")")
        }
        return (name, policy)
    }

    private func adopt(_ pod: Pod, for job: JobID) throws(ExecutorError) {
        let owner = pod.metadata.labels?[PodPlan.jobLabel]
        guard owner == job.rawValue else {
            throw ExecutorError("pod \(pod.metadata.name ?? "?") exists but belongs to "
                                + (owner.map { "job \($0)" } ?? "no arkd job"))
        }
        logger.info("pod adopted", metadata: ["job.id": "\(job)", "k8s.pod": "\(pod.metadata.name ?? "?")"])
    }

    private func isCancelled(_ job: JobID) -> Bool { cancelled.withLock { $0.contains(job) } }

    private func firstWait(of job: JobID) -> Date {
        waitingSince.withLock { since in
            if let first = since[job] { return first }
            let now = Date()
            since[job] = now
            return now
        }
    }

    /// Retries until the call succeeds, the object is gone, or the task is cancelled: a cluster
    /// that is briefly unreachable must not leave a pod behind.
    private func retryingTransient(_ what: String, _ call: @Sendable () async throws(PodOperationError) -> Void) async {
        var delay: Duration = .milliseconds(200)
        while !Task.isCancelled {
            do {
                try await call()
                return
            } catch .notFound {
                return
            } catch .transient(let message) {
                logger.warning("cannot \(what) yet, retrying", metadata: ["error": "\(message)"])
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(30))
            } catch {
                logger.error("cannot \(what)", metadata: ["error": "\(error)"])
                return
            }
        }
    }

    private static func failure(_ reason: String, _ pod: Pod) -> ExecutionResult {
        ExecutionResult(outcome: .failed(reason: reason, exitCode: nil), accounting: Accounting(nodeName: pod.spec?.nodeName, image: PodObservation.jobImage(of: pod)))
    }

    private static func executorError(_ error: PodOperationError, doing what: String) -> ExecutorError {
        switch error {
        case .transient(let message): ExecutorError("cannot \(what): \(message)", isTransient: true)
        default: ExecutorError("cannot \(what): \(error.description)")
        }
    }

    private static func split(_ handle: String) throws(ExecutorError) -> (String, String) {
        let parts = handle.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw ExecutorError("'\(handle)' is not a pod handle (namespace/name)") }
        return (parts[0], parts[1])
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
