/// Site policy and limits for moving job files.
///
/// Defaults suit a site with ordinary web and storage servers; a site sets `allowedFileRoots` to
/// the shared filesystems jobs may read from and write to with `file://`.
public struct StagingConfiguration: Sendable, Hashable {
    /// Directories `file://` inputs and outputs must resolve into (after symlinks and `..`).
    /// Empty: `file://` is refused altogether.
    public var allowedFileRoots: [String]
    /// Largest file staged in, whatever the job asks; nil for no site-wide cap.
    public var maxFileBytes: Int64?
    /// Redirects followed per request before giving up.
    public var maxRedirects: Int
    /// Time to establish a connection (applied by the client `makeHTTPClientConfiguration` builds).
    public var connectTimeout: Duration
    /// Deadline for one attempt of one file, headers and body together.
    public var requestTimeout: Duration
    /// Longest time without a byte moving before an attempt is abandoned: a stalled server fails
    /// fast instead of holding a slot until `requestTimeout`.
    public var idleTimeout: Duration
    /// How transient failures (connection errors, timeouts, 408, 429, 5xx) are retried.
    public var retry: RetryPolicy
    /// Files of one job moved at once; the shared `ConcurrencyLimiter` bounds all jobs together.
    public var perJobConcurrency: Int
    /// Read size for local copies and uploads.
    public var chunkSize: Int
    /// Whether each input is fsync'd (and then its directory, after the rename) before the job
    /// may see it. Off by default.
    ///
    /// Either way an input is written under a hidden temporary name and renamed into place only
    /// when complete and verified, so a crash of arkd never leaves a partial file under the name
    /// the job opens; that needs no fsync, since the page cache outlives arkd. What fsync adds is
    /// durability against a power loss or kernel crash: on, the inputs of a job that was staged in
    /// before one are intact afterwards, and a download can go no faster than the disk writes.
    /// Off, it goes at the network's speed (Benchmarks/README.md, "Engine benchmarks", measures
    /// both against curl), and after a power loss an input staged in the last seconds may be empty
    /// or short under its final name, as with ARC's data staging, HTCondor's file transfer or
    /// `curl -o`, none of which fsync. Outputs copied to `file://` targets are always fsync'd: the
    /// session directory, their other copy, is removed once the job is done.
    public var syncInputsToDisk: Bool

    public init(allowedFileRoots: [String] = [], maxFileBytes: Int64? = nil, maxRedirects: Int = 5,
                connectTimeout: Duration = .seconds(10), requestTimeout: Duration = .seconds(3_600),
                idleTimeout: Duration = .seconds(60), retry: RetryPolicy = RetryPolicy(), perJobConcurrency: Int = 4,
                chunkSize: Int = 256 * 1_024, syncInputsToDisk: Bool = false) {
        self.allowedFileRoots = allowedFileRoots
        self.maxFileBytes = maxFileBytes
        self.maxRedirects = max(0, maxRedirects)
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.idleTimeout = idleTimeout
        self.retry = retry
        self.perJobConcurrency = max(1, perJobConcurrency)
        self.chunkSize = max(4_096, chunkSize)
        self.syncInputsToDisk = syncInputsToDisk
    }

    /// The smaller of the site cap and a request's own cap.
    func sizeLimit(requested: Int64?) -> Int64? {
        switch (maxFileBytes, requested) {
        case (let site?, let request?): min(site, request)
        case (let site?, nil): site
        case (nil, let request?): request
        case (nil, nil): nil
        }
    }
}
