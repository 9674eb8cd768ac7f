/// What a `PodListWatch` delivers.
public enum PodListWatchEvent: Sendable {
    /// Every matching pod as of `resourceVersion`: the first event, and again after each relist
    /// (410 Gone, periodic resync). Replaces whatever the consumer knew; pods missing from it are
    /// gone.
    case snapshot([Pod], resourceVersion: String)
    case added(Pod)
    case modified(Pod)
    /// Carries the pod's last state.
    case deleted(Pod)
}
