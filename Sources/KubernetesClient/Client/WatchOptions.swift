/// Query parameters of a WATCH.
public struct WatchOptions: Sendable, Hashable {
    public var labelSelector: String?
    public var fieldSelector: String?
    /// Start after this version (a LIST's); nil or `"0"` starts with one synthetic ADDED per
    /// existing object.
    public var resourceVersion: String?
    /// The server ends the stream cleanly after this long; clamped to the client's
    /// `maxWatchTimeout`.
    public var timeout: Duration
    /// Ask for BOOKMARK events, so a resumed watch starts from a recent version.
    public var allowBookmarks: Bool

    public init(labelSelector: String? = nil, fieldSelector: String? = nil, resourceVersion: String? = nil,
                timeout: Duration = .seconds(300), allowBookmarks: Bool = true) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.resourceVersion = resourceVersion
        self.timeout = timeout
        self.allowBookmarks = allowBookmarks
    }
}
