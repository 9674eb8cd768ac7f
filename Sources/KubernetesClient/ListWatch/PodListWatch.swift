import Logging

/// An informer for the pods of one namespace and selector: LIST (in pages) for a snapshot, then
/// WATCH from its resourceVersion with bookmarks, resuming where the last stream ended.
///
/// Each iteration keeps exactly one request open at a time. 410 Gone (in-band ERROR event or HTTP
/// 410) relists and delivers a fresh `.snapshot`. Transient failures (connection errors, 429, 5xx,
/// timeouts) are retried with jittered backoff, forever: an unreachable API server pauses the
/// sequence, it never ends it. Only a permanent refusal (403, 401 after the token was re-read, 400)
/// or cancellation ends it, by throwing.
public struct PodListWatch: AsyncSequence, Sendable {
    public typealias Element = PodListWatchEvent

    /// Timing of the list+watch cycle.
    public struct Options: Sendable, Hashable {
        public var pageSize: Int
        /// Each watch asks the server to end it after a random time in this range, so many
        /// watchers do not reconnect in step (client-go uses 5–10 minutes).
        public var watchTimeout: ClosedRange<Duration>
        /// Relist after this long even without a 410, to recover from anything missed; nil never.
        public var resyncInterval: Duration?
        /// Backoff after consecutive failures, doubling from `initialBackoff` up to `maxBackoff`.
        public var initialBackoff: Duration
        public var maxBackoff: Duration

        public init(pageSize: Int = 500, watchTimeout: ClosedRange<Duration> = .seconds(300)...(.seconds(600)),
                    resyncInterval: Duration? = nil, initialBackoff: Duration = .milliseconds(200),
                    maxBackoff: Duration = .seconds(30)) {
            self.pageSize = Swift.max(1, pageSize)
            self.watchTimeout = watchTimeout
            self.resyncInterval = resyncInterval
            self.initialBackoff = initialBackoff
            self.maxBackoff = maxBackoff
        }
    }

    let client: KubernetesClient
    let namespace: String
    let labelSelector: String?
    let fieldSelector: String?
    let options: Options

    public init(client: KubernetesClient, namespace: String? = nil, labelSelector: String? = nil,
                fieldSelector: String? = nil, options: Options = Options()) {
        self.client = client
        self.namespace = namespace ?? client.configuration.namespace
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.options = options
    }

    public func makeAsyncIterator() -> AsyncIterator {
        var logger = client.logger
        logger[metadataKey: "k8s.namespace"] = "\(namespace)"
        return AsyncIterator(watch: self, logger: logger)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let watch: PodListWatch
        let logger: Logger
        var resourceVersion: String?
        var stream: WatchStream<Pod>.AsyncIterator?
        var listedAt: ContinuousClock.Instant?
        var failures = 0

        init(watch: PodListWatch, logger: Logger) {
            self.watch = watch
            self.logger = logger
        }

        public mutating func next() async throws -> PodListWatchEvent? {
            while true {
                try Task.checkCancellation()
                if resourceVersion == nil || resyncIsDue {
                    if let snapshot = try await relist() { return snapshot }
                    continue
                }
                if stream == nil {
                    try await openWatch()
                    continue
                }
                if let event = try await nextWatchEvent() { return event }
            }
        }

        private var resyncIsDue: Bool {
            guard stream == nil, let interval = watch.options.resyncInterval, let listedAt else { return false }
            return ContinuousClock.now - listedAt >= interval
        }

        /// LISTs every page; nil after a transient failure (already waited for).
        private mutating func relist() async throws -> PodListWatchEvent? {
            stream = nil
            do {
                let list = try await watch.client.listAllPods(
                    namespace: watch.namespace,
                    options: ListOptions(labelSelector: watch.labelSelector, fieldSelector: watch.fieldSelector),
                    pageSize: watch.options.pageSize)
                let version = list.metadata.resourceVersion ?? ""
                resourceVersion = version
                listedAt = .now
                failures = 0
                logger.debug("listed pods", metadata: ["k8s.count": "\(list.items.count)", "k8s.resourceVersion": "\(version)"])
                return .snapshot(list.items, resourceVersion: version)
            } catch {
                try await recover(from: error, during: "list")
                return nil
            }
        }

        private mutating func openWatch() async throws {
            let bounds = watch.options.watchTimeout
            let timeout = bounds.lowerBound + (bounds.upperBound - bounds.lowerBound) * Double.random(in: 0...1)
            do {
                let opened = try await watch.client.watchPods(
                    namespace: watch.namespace,
                    options: WatchOptions(labelSelector: watch.labelSelector, fieldSelector: watch.fieldSelector,
                                          resourceVersion: resourceVersion, timeout: timeout))
                stream = opened.makeAsyncIterator()
            } catch {
                try await recover(from: error, during: "watch")
            }
        }

        /// The next event worth delivering; nil when the stream ended or failed (handled).
        private mutating func nextWatchEvent() async throws -> PodListWatchEvent? {
            do {
                guard let event = try await stream?.next() else {
                    stream = nil
                    return nil
                }
                failures = 0
                if let version = event.resourceVersion { resourceVersion = version }
                switch event {
                case .added(let pod): return .added(pod)
                case .modified(let pod): return .modified(pod)
                case .deleted(let pod): return .deleted(pod)
                case .bookmark, .error: return nil
                }
            } catch {
                stream = nil
                try await recover(from: error, during: "watch")
                return nil
            }
        }

        /// Decides what a failure means: 410 forces a relist, transient failures wait and go on,
        /// anything else ends the sequence.
        private mutating func recover(from error: any Error, during step: String) async throws {
            if error is CancellationError || Task.isCancelled { throw CancellationError() }
            if let error = error as? KubernetesError, error.kind == .gone {
                logger.info("resourceVersion expired; relisting", metadata: ["k8s.error": "\(error)"])
                resourceVersion = nil
                return
            }
            if let error = error as? KubernetesError, !error.isTransient, error.kind != .invalidResponse {
                throw error
            }
            failures += 1
            var delay = watch.options.initialBackoff
            for _ in 1..<failures where delay < watch.options.maxBackoff {
                delay = delay * 2
            }
            delay = Swift.min(delay, watch.options.maxBackoff) * Double.random(in: 0.5...1)
            logger.info("\(step) failed; trying again", metadata: ["k8s.error": "\(error)", "k8s.delay": "\(delay)"])
            try await Task.sleep(for: delay)
        }
    }
}
