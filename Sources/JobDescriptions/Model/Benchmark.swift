/// CPU time expressed against a benchmark score (xRSL `benchmarks`, `gridtime`), kept so a site can
/// rescale `cpuTime` to its own nodes.
public struct Benchmark: Sendable, Hashable, Codable {
    public var name: String
    public var value: Double

    public init(name: String, value: Double) {
        self.name = name
        self.value = value
    }
}
