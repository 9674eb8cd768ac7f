import Glibc
import KubernetesClient

/// `PodOperations` over arkd's own REST client.
struct ClientPodOperations: PodOperations {
    let client: KubernetesClient
    let watchOptions: PodListWatch.Options

    func create(_ pod: Pod) async throws(PodOperationError) -> Pod {
        try await translating { try await client.createPod(pod).object }
    }

    func get(_ name: String, namespace: String) async throws(PodOperationError) -> Pod {
        try await translating { try await client.getPod(name: name, namespace: namespace) }
    }

    func delete(_ name: String, namespace: String, gracePeriodSeconds: Int?) async throws(PodOperationError) {
        _ = try await translating {
            try await client.deletePod(name: name, namespace: namespace,
                                       options: DeleteOptions(gracePeriodSeconds: gracePeriodSeconds.map(Int64.init)))
        }
    }

    func removeFinalizer(_ finalizer: String, from name: String, namespace: String) async throws(PodOperationError) {
        _ = try await translating { try await client.removeFinalizer(finalizer, fromPod: name, namespace: namespace) }
    }

    func copyLog(of name: String, namespace: String, container: String, to path: String,
                 owner: (uid: Int, gid: Int)) async throws(PodOperationError) {
        let temporary = path + ".arkd-log-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else {
            throw .refused("cannot create '\(temporary)': \(String(cString: strerror(errno)))")
        }
        var closed = false
        defer {
            if !closed { close(descriptor) }
            unlink(temporary)
        }
        try await translating {
            for try await chunk in try await client.streamPodLog(name: name, namespace: namespace,
                                                                 options: PodLogOptions(container: container)) {
                try Self.write(chunk, to: descriptor, path: temporary)
            }
        }
        closed = true
        guard close(descriptor) == 0, fchownat(AT_FDCWD, temporary, uid_t(owner.uid), gid_t(owner.gid), AT_SYMLINK_NOFOLLOW) == 0,
              rename(temporary, path) == 0 else {
            throw .refused("cannot write the pod log to '\(path)': \(String(cString: strerror(errno)))")
        }
    }

    private static func write(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(PodOperationError) {
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else {
                if count < 0, errno == EINTR { continue }
                throw .refused("cannot write '\(path)': \(String(cString: strerror(errno)))")
            }
            written += count
        }
    }

    func watchPods(namespace: String, labelSelector: String) -> any AsyncSequence<PodWatchHub.Event, any Error> & Sendable {
        PodListWatch(client: client, namespace: namespace, labelSelector: labelSelector, options: watchOptions)
            .map { @Sendable event -> PodWatchHub.Event in
                switch event {
                case .snapshot(let pods, _): .snapshot(pods)
                case .added(let pod), .modified(let pod): .changed(pod)
                case .deleted(let pod): .deleted(pod)
                }
            }
    }

    func translating<T>(_ call: () async throws -> T) async throws(PodOperationError) -> T {
        do {
            return try await call()
        } catch let error as PodOperationError {
            throw error
        } catch let error as KubernetesError {
            switch error.kind {
            case .alreadyExists: throw .alreadyExists
            case .notFound: throw .notFound
            default: throw error.isTransient ? .transient(error.description) : .refused(error.description)
            }
        } catch {
            throw .transient("\(error)")
        }
    }
}
