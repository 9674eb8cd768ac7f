/// Query parameters of `pods/log`.
public struct PodLogOptions: Sendable, Hashable {
    /// Required when the pod has more than one container.
    public var container: String?
    /// The server cuts the log here, possibly mid-line.
    public var limitBytes: Int?
    public var tailLines: Int?
    /// Prefix each line with its RFC 3339 time.
    public var timestamps: Bool
    /// The log of the previous, restarted container.
    public var previous: Bool
    /// Keep the stream open while the container writes (with `streamPodLog`).
    public var follow: Bool

    public init(container: String? = nil, limitBytes: Int? = nil, tailLines: Int? = nil, timestamps: Bool = false,
                previous: Bool = false, follow: Bool = false) {
        self.container = container
        self.limitBytes = limitBytes
        self.tailLines = tailLines
        self.timestamps = timestamps
        self.previous = previous
        self.follow = follow
    }

    var query: [(name: String, value: String)] {
        var query: [(name: String, value: String)] = []
        if let container { query.append(("container", container)) }
        if let limitBytes { query.append(("limitBytes", String(limitBytes))) }
        if let tailLines { query.append(("tailLines", String(tailLines))) }
        if timestamps { query.append(("timestamps", "true")) }
        if previous { query.append(("previous", "true")) }
        if follow { query.append(("follow", "true")) }
        return query
    }
}
