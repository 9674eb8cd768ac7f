/// `status.phase` of a pod. A struct over the raw text rather than an enum so that a phase a
/// newer server invents decodes instead of failing the whole pod.
public struct PodPhase: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static let pending = PodPhase(rawValue: "Pending")
    public static let running = PodPhase(rawValue: "Running")
    public static let succeeded = PodPhase(rawValue: "Succeeded")
    public static let failed = PodPhase(rawValue: "Failed")
    public static let unknown = PodPhase(rawValue: "Unknown")

    /// Succeeded or Failed: the pod's containers will not run again.
    public var isTerminal: Bool { self == .succeeded || self == .failed }

    public var description: String { rawValue }
}
