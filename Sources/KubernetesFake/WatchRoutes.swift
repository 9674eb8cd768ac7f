import Foundation

/// How long watches last and how often they carry bookmarks.
struct WatchTiming: Sendable {
    let bookmarkInterval: Duration
    let defaultTimeout: Duration
}

/// `?watch=true`: a 200 chunked stream, one JSON event per line, that the server ends itself.
extension APIRouter {
    func watchPods(_ request: FakeRequest, namespace: String?) async throws(StatusError) -> FakeResponse {
        let (labels, fields) = try Self.selectors(request, fields: FieldSelector.podFields)
        let filter = WatchFilter(namespace: namespace, labels: labels, fields: fields)
        let requested = request.query["resourceVersion"].flatMap { $0.isEmpty ? nil : $0 }
        let from = try requested.map { text throws(StatusError) in try Self.revision(text) }
        var requestedTimeout = watchTiming.defaultTimeout
        if let text = request.query["timeoutSeconds"] {
            guard let seconds = Int(text), seconds >= 0 else { throw .badRequest("invalid timeoutSeconds: \(text)") }
            if seconds > 0 { requestedTimeout = .seconds(seconds) }
        }
        let timeout = requestedTimeout
        let bookmarks = request.query["allowWatchBookmarks"] == "true"
        let store = self.store
        let interval = watchTiming.bookmarkInterval
        let (chunks, continuation) = AsyncStream<Data>.makeStream()
        switch await store.watch(filter: filter, from: from) {
        case .expired(let oldest):
            continuation.yield(Data(WatchEvent.expired(requested: requested ?? "", oldest: oldest).line.utf8))
            continuation.finish()
        case .events(let initial, let live, let id):
            for event in initial { continuation.yield(Data(event.line.utf8)) }
            let task = Task {
                await withTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for await event in live { continuation.yield(Data(event.line.utf8)) }
                    }
                    group.addTask { try? await Task.sleep(for: timeout) }
                    if bookmarks {
                        group.addTask {
                            while (try? await Task.sleep(for: interval)) != nil {
                                continuation.yield(Data(WatchEvent.bookmark(revision: await store.revision).line.utf8))
                            }
                        }
                    }
                    await group.next()
                    group.cancelAll()
                }
                if bookmarks, !Task.isCancelled {
                    continuation.yield(Data(WatchEvent.bookmark(revision: await store.revision).line.utf8))
                }
                continuation.finish()
                await store.stopWatching(id)
            }
            continuation.onTermination = { _ in
                task.cancel()
                Task { await store.stopWatching(id) }
            }
        }
        return .stream(headers: [("Content-Type", "application/json")], chunks: chunks)
    }
}
