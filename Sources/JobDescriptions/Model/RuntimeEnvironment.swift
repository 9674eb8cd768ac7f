/// A site-provided software environment the job asks for; on Kubernetes it selects an image or
/// setup through the site's mapping.
public struct RuntimeEnvironment: Sendable, Hashable, Codable {
    public var name: String
    public var version: String?
    public var options: [String]
    /// How a site's version must compare with `version` (`>=` means that version or newer).
    public var relation: RelationOperator

    public init(name: String, version: String? = nil, options: [String] = [], relation: RelationOperator = .equal) {
        self.name = name
        self.version = version
        self.options = options
        self.relation = relation
    }

    /// Splits ARC's combined spelling at the first `-` that is followed by a digit
    /// (`ATLAS-17.2.0-X86_64` is `ATLAS` version `17.2.0-X86_64`), as ARC's broker does.
    public init(combined: String, options: [String] = [], relation: RelationOperator = .equal) {
        let bytes = Array(combined.utf8)
        var split: Int?
        for index in bytes.indices where bytes[index] == UInt8(ascii: "-") {
            let next = index + 1
            if next < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[next]) {
                split = index
                break
            }
        }
        if let split {
            self.init(
                name: String(decoding: bytes[..<split], as: UTF8.self),
                version: String(decoding: bytes[(split + 1)...], as: UTF8.self),
                options: options, relation: relation)
        } else {
            self.init(name: combined, options: options, relation: relation)
        }
    }

    /// `init(combined:)`'s split of the UTF-8 text `bytes[range]` into name and version.
    static func split(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> (name: String, version: String?) {
        var index = range.lowerBound
        while index < range.upperBound {
            if bytes[index] == UInt8(ascii: "-"), index + 1 < range.upperBound,
               bytes[index + 1] &- UInt8(ascii: "0") < 10 {
                return (PlainText.string(bytes, range.lowerBound..<index), PlainText.string(bytes, (index + 1)..<range.upperBound))
            }
            index += 1
        }
        return (PlainText.string(bytes, range), nil)
    }
}
