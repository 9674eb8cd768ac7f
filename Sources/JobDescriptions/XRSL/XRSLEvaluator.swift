/// Substitutes `$(VAR)` in document order with group scoping, joins concatenations, splits `+` into
/// jobs and `|` into alternatives (shared xRSL spec §2.1–2.2).
///
/// Unlike ARC, an undefined variable is an error, and the total size of substituted text is capped
/// so that doubling definitions cannot grow a small file into megabytes.
struct XRSLEvaluator {
    private let maxExpandedBytes: Int
    private let maxAlternatives: Int
    private let maxJobs: Int
    private var expandedBytes = 0
    private(set) var problems: [(offset: Int, message: String, isError: Bool)] = []
    private let nodes: [XRSLNode]
    private var bytes: [UInt8]
    private var relations: [XRSLEvaluatedRelation] = []
    private var values: [XRSLEvaluatedValue] = []
    private var scope: XRSLScope
    private let isASCII: Bool
    private let isPlain: Bool

    /// `isASCII` and `isPlain` describe the source text (see `SourceText`).
    init(tree: XRSLSyntaxTree, limits: ParseLimits, isASCII: Bool, isPlain: Bool) {
        maxExpandedBytes = limits.maxExpandedBytes
        maxAlternatives = limits.maxAlternatives
        maxJobs = limits.maxJobs
        nodes = tree.nodes
        bytes = tree.bytes
        self.isASCII = isASCII
        self.isPlain = isPlain
        scope = XRSLScope(isASCII: isASCII)
        values.reserveCapacity(nodes.count)
        relations.reserveCapacity(16)
    }

    /// The relations and values the jobs refer to.
    var document: XRSLDocument {
        XRSLDocument(bytes: bytes, relations: relations, values: values, isPlain: isPlain)
    }

    struct LimitExceeded: Error {
        var offset: Int
        var message: String
    }

    mutating func jobs() throws(LimitExceeded) -> [XRSLJobText] {
        guard !nodes.isEmpty else { return [] }
        var branches: [Int] = []
        if nodes[0].kind == .multi {
            var child = 1
            while child < nodes[0].next {
                branches.append(child)
                child = nodes[child].next
            }
        } else {
            branches = [0]
        }
        guard branches.count <= maxJobs else {
            throw LimitExceeded(offset: 0, message: "the description holds \(branches.count) jobs; at most \(maxJobs) are allowed")
        }
        var jobs: [XRSLJobText] = []
        jobs.reserveCapacity(branches.count)
        for branch in branches {
            var job = XRSLJobText()
            scope.truncate(to: 0, in: bytes)
            try walk(branch, into: &job)
            jobs.append(job)
        }
        return jobs
    }

    private mutating func walk(_ node: Int, into job: inout XRSLJobText) throws(LimitExceeded) {
        switch nodes[node].kind {
        case .relation:
            let relation = try evaluateRelation(node)
            if relations[relation].attribute == .rslsubstitution {
                define(relation)
            } else {
                job.append(relation)
            }
        case .conjunction:
            let outer = scope.count
            var child = node + 1
            while child < nodes[node].next {
                try walk(child, into: &job)
                child = nodes[child].next
            }
            scope.truncate(to: outer, in: bytes)
        case .disjunction:
            try branch(flatten(node), at: nodes[node].offset, into: &job)
        case .multi:
            problems.append((nodes[node].offset, "'+' (several jobs) is only allowed at the top level", true))
        case .sequence, .concatenation, .string, .literal, .variable:
            break
        }
    }

    /// Nested `|` groups are one list of alternatives, as in ARC.
    private func flatten(_ node: Int) -> [Int] {
        var result: [Int] = []
        var pending: [Int] = []
        var child = node + 1
        while child < nodes[node].next {
            pending.append(child)
            child = nodes[child].next
        }
        pending.reverse()
        while let next = pending.popLast() {
            if nodes[next].kind == .disjunction {
                var children: [Int] = []
                var child = next + 1
                while child < nodes[next].next {
                    children.append(child)
                    child = nodes[child].next
                }
                pending.append(contentsOf: children.reversed())
            } else {
                result.append(next)
            }
        }
        return result
    }

    /// The first branch continues the main job (and every existing alternative); each further
    /// branch starts a new alternative from what the main job held before the `|`.
    private mutating func branch(_ branches: [Int], at offset: Int, into job: inout XRSLJobText) throws(LimitExceeded) {
        let before = job.main
        var results: [XRSLJobText] = []
        for branch in branches {
            var piece = XRSLJobText()
            let outer = scope.count
            try walk(branch, into: &piece)
            scope.truncate(to: outer, in: bytes)
            results.append(piece)
        }
        guard let first = results.first else { return }
        // Counted before any is built: each alternative copies `before`, so building thousands of
        // them first and counting afterwards took gigabytes for a 60 KB description.
        let count = job.alternatives.count + results.reduce(0) { $0 + $1.alternatives.count } + results.count - 1
        guard count <= maxAlternatives else {
            throw LimitExceeded(offset: offset, message: "'|' gives more than \(maxAlternatives) alternative jobs")
        }
        var alternatives = job.alternatives.map { $0 + first.main }
        alternatives += first.alternatives.map { before + $0 }
        for other in results.dropFirst() {
            alternatives.append(before + other.main)
            alternatives += other.alternatives.map { before + $0 }
        }
        job.main = before + first.main
        job.alternatives = alternatives
    }

    private mutating func define(_ index: Int) {
        let relation = relations[index]
        var value = relation.values.lowerBound
        while value < relation.values.upperBound {
            let sequence = values[value]
            defer { value = sequence.next }
            guard sequence.isSequence, sequence.count == 2, !values[value + 1].isSequence, !values[value + 2].isSequence else {
                problems.append((sequence.offset, "'rsl_substitution' takes (\"NAME\" \"value\") pairs", true))
                continue
            }
            let name = values[value + 1].text
            guard !name.isEmpty else {
                problems.append((sequence.offset, "'rsl_substitution' needs a variable name", true))
                continue
            }
            scope.define(name, as: values[value + 2].text, in: bytes)
        }
        if relation.valueCount == 0 {
            problems.append((relation.nameOffset, "'rsl_substitution' takes (\"NAME\" \"value\") pairs", true))
        }
    }

    private mutating func evaluateRelation(_ node: Int) throws(LimitExceeded) -> Int {
        let first = values.count
        var count = 0
        var child = node + 1
        while child < nodes[node].next {
            try evaluateValue(child)
            count += 1
            child = nodes[child].next
        }
        let name = nodes[node].text
        let attribute = bytes.withUnsafeBufferPointer { XRSLAttribute.named($0, name) }
        relations.append(XRSLEvaluatedRelation(
            name: name, nameOffset: nodes[node].offset, relation: nodes[node].relation, attribute: attribute,
            values: first..<values.count, valueCount: count))
        return relations.count - 1
    }

    private mutating func evaluateValue(_ node: Int) throws(LimitExceeded) {
        let offset = nodes[node].offset
        switch nodes[node].kind {
        case .sequence:
            let index = values.count
            values.append(XRSLEvaluatedValue(isSequence: true, offset: offset, text: 0..<0, next: index + 1, count: 0))
            var count = 0
            var child = node + 1
            while child < nodes[node].next {
                try evaluateValue(child)
                count += 1
                child = nodes[child].next
            }
            values[index].next = values.count
            values[index].count = count
        case .string:
            values.append(XRSLEvaluatedValue(isSequence: false, offset: offset, text: nodes[node].text, next: values.count + 1, count: 0))
        case .concatenation:
            let text = try concatenate(node)
            values.append(XRSLEvaluatedValue(isSequence: false, offset: offset, text: text, next: values.count + 1, count: 0))
        case .conjunction, .disjunction, .multi, .relation, .literal, .variable:
            break
        }
    }

    /// The joined text of a concatenation's terms: a term's own range when it is the only one
    /// that has text, otherwise a copy at the end of `bytes`.
    private mutating func concatenate(_ node: Int) throws(LimitExceeded) -> Range<Int> {
        var result: Range<Int>?
        var copied = false
        var child = node + 1
        while child < nodes[node].next {
            let term = nodes[child]
            child = term.next
            let piece: Range<Int>
            if term.kind == .variable {
                guard let substitute = scope.value(of: term.text, in: bytes) else {
                    let name = string(term.text)
                    problems.append((term.offset, "variable '\(name)' is not defined: define it first with (rsl_substitution=(\"\(name)\" \"value\"))", true))
                    continue
                }
                expandedBytes += substitute.count
                guard expandedBytes <= maxExpandedBytes else {
                    throw LimitExceeded(
                        offset: term.offset,
                        message: "variable substitution expands to more than \(maxExpandedBytes) bytes")
                }
                piece = substitute
            } else {
                piece = term.text
            }
            guard let joined = result else {
                result = piece
                continue
            }
            if copied {
                appendCopy(of: piece)
                result = joined.lowerBound..<bytes.count
            } else {
                let start = bytes.count
                appendCopy(of: joined)
                appendCopy(of: piece)
                result = start..<bytes.count
                copied = true
            }
        }
        return result ?? 0..<0
    }

    /// Appends a copy of `bytes[range]` to `bytes`.
    private mutating func appendCopy(of range: Range<Int>) {
        let start = bytes.count
        guard !range.isEmpty, range.upperBound <= start else { return }
        bytes.append(contentsOf: repeatElement(0, count: range.count))
        bytes.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            (base + start).update(from: base + range.lowerBound, count: range.count)
        }
    }

    private func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// ARC compares attribute names lower-cased with every `_` removed.
    static func key(_ name: String) -> String {
        let utf8 = name.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else {
            return String(String.UnicodeScalarView(name.lowercased().unicodeScalars.filter { $0 != "_" }))
        }
        // ASCII names (all real ones): the same result byte by byte, without Unicode case mapping.
        return String(unsafeUninitializedCapacity: utf8.count) { buffer in
            var count = 0
            for byte in utf8 where byte != UInt8(ascii: "_") {
                buffer[count] = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
                count += 1
            }
            return count
        }
    }
}

/// Variables in scope, innermost last. Names compare as Swift strings do (canonical equivalence),
/// byte-wise when the text is ASCII. Past a few dozen definitions a dictionary from name to the
/// newest definition keeps look-ups constant, so no input makes substitution quadratic.
struct XRSLScope {
    private var names: [Range<Int>] = []
    private var texts: [Range<Int>] = []
    /// With `index`: for each definition, the older one with the same name it hides.
    private var hidden: [Int?] = []
    private var index: [String: Int]?
    private let isASCII: Bool
    private static let indexThreshold = 24

    init(isASCII: Bool) {
        self.isASCII = isASCII
    }

    var count: Int { names.count }

    mutating func define(_ name: Range<Int>, as text: Range<Int>, in bytes: [UInt8]) {
        names.append(name)
        texts.append(text)
        if index != nil {
            let key = Self.key(name, bytes)
            hidden.append(index?[key])
            index?[key] = names.count - 1
        } else if names.count > Self.indexThreshold {
            var built: [String: Int] = [:]
            hidden = []
            for definition in names.indices {
                let key = Self.key(names[definition], bytes)
                hidden.append(built[key])
                built[key] = definition
            }
            index = built
        }
    }

    func value(of name: Range<Int>, in bytes: [UInt8]) -> Range<Int>? {
        if let index {
            return index[Self.key(name, bytes)].map { texts[$0] }
        }
        var definition = names.count
        while definition > 0 {
            definition -= 1
            if sameName(names[definition], name, bytes) { return texts[definition] }
        }
        return nil
    }

    mutating func truncate(to count: Int, in bytes: [UInt8]) {
        guard count < names.count else { return }
        if index != nil {
            for definition in (count..<names.count).reversed() {
                index?[Self.key(names[definition], bytes)] = hidden[definition]
            }
            hidden.removeSubrange(count...)
        }
        names.removeSubrange(count...)
        texts.removeSubrange(count...)
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
