import Foundation
import Synchronization

/// Hands out the current bearer token, re-reading a token file when the copy is stale or the
/// server has just refused it (401), so a rotated service-account token is picked up without a
/// restart.
final class TokenProvider: Sendable {
    private struct Cached {
        var token: String
        var readAt: ContinuousClock.Instant
    }

    private let source: BearerTokenSource
    private let cached = Mutex<Cached?>(nil)

    init(source: BearerTokenSource) {
        self.source = source
    }

    /// Whether `invalidate()` can bring a different token.
    var canReload: Bool {
        if case .file = source { return true }
        return false
    }

    func token() throws -> String {
        switch source {
        case .literal(let token):
            return token
        case .file(let path, let refreshAfter):
            let now = ContinuousClock.now
            if let cached = cached.withLock({ $0 }), now - cached.readAt < refreshAfter {
                return cached.token
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw KubernetesConfigurationError("cannot read the token file '\(path)'")
            }
            let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            cached.withLock { $0 = Cached(token: token, readAt: now) }
            return token
        }
    }

    /// Forgets the cached token so the next request reads the file again.
    func invalidate() {
        cached.withLock { $0 = nil }
    }
}
