/// Variables in scope, innermost last. Names compare as Swift strings do (canonical equivalence),
/// byte-wise when the text is ASCII. Past a few dozen definitions a dictionary from name to the
/// newest definition keeps look-ups constant, so no input makes substitution quadratic.
struct XRSLScope {
    private var definitions: [(name: Range<Int>, text: Range<Int>)] = []
    /// With `index`: for each definition, the older one with the same name it hides.
    private var hidden: [Int?] = []
    private var index: [String: Int]?
    private let isASCII: Bool
    private static let indexThreshold = 24

    init(isASCII: Bool) {
        self.isASCII = isASCII
    }

    var count: Int { definitions.count }

    mutating func define(_ name: Range<Int>, as text: Range<Int>, in bytes: [UInt8]) {
        if definitions.isEmpty { definitions.reserveCapacity(8) }
        definitions.append((name, text))
        if index != nil {
            let key = Self.key(name, bytes)
            hidden.append(index?[key])
            index?[key] = definitions.count - 1
        } else if definitions.count > Self.indexThreshold {
            var built: [String: Int] = [:]
            hidden = []
            for definition in definitions.indices {
                let key = Self.key(definitions[definition].name, bytes)
                hidden.append(built[key])
                built[key] = definition
            }
            index = built
        }
    }

    func value(of name: Range<Int>, in bytes: [UInt8]) -> Range<Int>? {
        if let index {
            return index[Self.key(name, bytes)].map { definitions[$0].text }
        }
        var definition = definitions.count
        while definition > 0 {
            definition -= 1
            if sameName(definitions[definition].name, name, bytes) { return definitions[definition].text }
        }
        return nil
    }

    mutating func truncate(to count: Int, in bytes: [UInt8]) {
        guard count < definitions.count else { return }
        if index != nil {
            for definition in (count..<definitions.count).reversed() {
                index?[Self.key(definitions[definition].name, bytes)] = hidden[definition]
            }
            hidden.removeSubrange(count...)
        }
        definitions.removeSubrange(count...)
    }

    private static func key(_ range: Range<Int>, _ bytes: [UInt8]) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    private func sameName(_ lhs: Range<Int>, _ rhs: Range<Int>, _ bytes: [UInt8]) -> Bool {
        if lhs.count == rhs.count {
            var equal = true
            var offset = 0
            while offset < lhs.count {
                if bytes[lhs.lowerBound + offset] != bytes[rhs.lowerBound + offset] {
                    equal = false
                    break
                }
                offset += 1
            }
            if equal { return true }
        }
        // Different bytes: equal only as canonically equivalent non-ASCII text.
        if isASCII { return false }
        return Self.key(lhs, bytes) == Self.key(rhs, bytes)
    }
}
