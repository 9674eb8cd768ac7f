/// A job read from text, with the positions validation needs to point back at it.
public struct ParsedJob: Sendable, Hashable {
    public var job: JobDescription
    public var sourceMap: SourceMap
    /// One map for each of `job.alternatives`, in the same order.
    public var alternativeSourceMaps: [SourceMap]

    public init(job: JobDescription, sourceMap: SourceMap, alternativeSourceMaps: [SourceMap] = []) {
        self.job = job
        self.sourceMap = sourceMap
        self.alternativeSourceMaps = alternativeSourceMaps
    }
}
