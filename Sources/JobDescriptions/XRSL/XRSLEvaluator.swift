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

    init(limits: ParseLimits) {
        maxExpandedBytes = limits.maxExpandedBytes
        maxAlternatives = limits.maxAlternatives
        maxJobs = limits.maxJobs
    }

    struct LimitExceeded: Error {
        var offset: Int
        var message: String
    }

    mutating func jobs(of request: XRSLRequest) throws(LimitExceeded) -> [XRSLJobText] {
        let branches: [XRSLRequest]
        if case .operation(.multi, let children, _) = request {
            branches = children
        } else {
            branches = [request]
        }
        guard branches.count <= maxJobs else {
            throw LimitExceeded(offset: 0, message: "the description holds \(branches.count) jobs; at most \(maxJobs) are allowed")
        }
        var jobs: [XRSLJobText] = []
        for branch in branches {
            var job = XRSLJobText()
            var scope: [String: String] = [:]
            try walk(branch, into: &job, scope: &scope)
            jobs.append(job)
        }
        return jobs
    }

    private mutating func walk(_ request: XRSLRequest, into job: inout XRSLJobText, scope: inout [String: String]) throws(LimitExceeded) {
        switch request {
        case .relation(let relation):
            let evaluated = try evaluate(relation, scope: scope)
            if evaluated.key == "rslsubstitution" {
                define(evaluated, in: &scope)
            } else {
                job.append(evaluated)
            }
        case .operation(.conjunction, let children, _):
            var inner = scope
            for child in children { try walk(child, into: &job, scope: &inner) }
        case .operation(.disjunction, let children, let offset):
            try branch(flatten(children), at: offset, into: &job, scope: scope)
        case .operation(.multi, _, let offset):
            problems.append((offset, "'+' (several jobs) is only allowed at the top level", true))
        }
    }

    /// Nested `|` groups are one list of alternatives, as in ARC.
    private func flatten(_ branches: [XRSLRequest]) -> [XRSLRequest] {
        var result: [XRSLRequest] = []
        var pending = Array(branches.reversed())
        while let next = pending.popLast() {
            if case .operation(.disjunction, let children, _) = next {
                pending.append(contentsOf: children.reversed())
            } else {
                result.append(next)
            }
        }
        return result
    }

    /// The first branch continues the main job (and every existing alternative); each further
    /// branch starts a new alternative from what the main job held before the `|`.
    private mutating func branch(_ branches: [XRSLRequest], at offset: Int, into job: inout XRSLJobText,
                                 scope: [String: String]) throws(LimitExceeded) {
        let before = job.main
        var results: [XRSLJobText] = []
        for branch in branches {
            var piece = XRSLJobText()
            var inner = scope
            try walk(branch, into: &piece, scope: &inner)
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

    private mutating func define(_ relation: XRSLEvaluatedRelation, in scope: inout [String: String]) {
        for value in relation.values {
            guard case .sequence(let items, let offset) = value, items.count == 2,
                  case .string(let name, _) = items[0], case .string(let text, _) = items[1]
            else {
                problems.append((value.offset, "'rsl_substitution' takes (\"NAME\" \"value\") pairs", true))
                continue
            }
            guard !name.isEmpty else {
                problems.append((offset, "'rsl_substitution' needs a variable name", true))
                continue
            }
            scope[name] = text
        }
        if relation.values.isEmpty {
            problems.append((relation.nameOffset, "'rsl_substitution' takes (\"NAME\" \"value\") pairs", true))
        }
    }

    private mutating func evaluate(_ relation: XRSLRelation, scope: [String: String]) throws(LimitExceeded) -> XRSLEvaluatedRelation {
        var values: [XRSLEvaluatedValue] = []
        values.reserveCapacity(relation.values.count)
        for value in relation.values { values.append(try evaluate(value, scope: scope)) }
        return XRSLEvaluatedRelation(
            key: Self.key(relation.name), name: relation.name, nameOffset: relation.nameOffset,
            relation: relation.relation, values: values)
    }

    private mutating func evaluate(_ value: XRSLValue, scope: [String: String]) throws(LimitExceeded) -> XRSLEvaluatedValue {
        switch value {
        case .sequence(let items, let offset):
            var evaluated: [XRSLEvaluatedValue] = []
            evaluated.reserveCapacity(items.count)
            for item in items { evaluated.append(try evaluate(item, scope: scope)) }
            return .sequence(evaluated, offset: offset)
        case .concatenation(let terms, let offset):
            if terms.count == 1, case .literal(let text) = terms[0] {
                return .string(text, offset: offset)
            }
            var text = ""
            for term in terms {
                switch term {
                case .literal(let literal):
                    text += literal
                case .variable(let name, let variableOffset):
                    guard let substitute = scope[name] else {
                        problems.append((variableOffset, "variable '\(name)' is not defined: define it first with (rsl_substitution=(\"\(name)\" \"value\"))", true))
                        continue
                    }
                    expandedBytes += substitute.utf8.count
                    guard expandedBytes <= maxExpandedBytes else {
                        throw LimitExceeded(
                            offset: variableOffset,
                            message: "variable substitution expands to more than \(maxExpandedBytes) bytes")
                    }
                    text += substitute
                }
            }
            return .string(text, offset: offset)
        }
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
