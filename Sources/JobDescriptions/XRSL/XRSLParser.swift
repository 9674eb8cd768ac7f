#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads xRSL bytes (grammar: shared xRSL spec §2.1) and evaluates them in the same pass: `$(VAR)`
/// substitution in document order with group scoping, concatenation, `+` into jobs and `|` into
/// alternatives (§2.1–2.2). The result is an `XRSLDocument` whose text is byte ranges, and the jobs
/// as lists of its relations.
///
/// Recursive descent whose depth is bounded by `maxNestingDepth`, so no input can exhaust the
/// stack; comments are skipped wherever whitespace may stand, never inside strings.
///
/// Syntax comes first: a syntax error anywhere is the only finding. Then a description with more
/// jobs than allowed is refused; then the first evaluation limit exceeded (substituted bytes,
/// alternatives) is the only finding, and evaluation stops there. Otherwise the evaluation
/// problems (undefined variables, malformed `rsl_substitution`) are reported in document order.
///
/// Unlike ARC, an undefined variable is an error, and the total size of substituted text is capped
/// so that doubling definitions cannot grow a small file into megabytes.
struct XRSLParser {
    private let bytes: CheckedBytes
    private let maxNestingDepth: Int
    private let maxExpandedBytes: Int
    private let maxAlternatives: Int
    private let maxAlternativeValues: Int
    /// What the alternatives of every job repeat so far (see `XRSLJobText`).
    private var alternativeValues = 0
    private var index = 0
    /// The description's bytes, then unescaped, repaired and substituted text.
    private var text: [UInt8]
    private var relations: [XRSLEvaluatedRelation] = []
    private var values: [XRSLEvaluatedValue] = []
    private var jobs: [XRSLJobText] = []
    private var problems: [(offset: Int, message: String, isError: Bool)] = []
    private var scope: XRSLScope
    private var expandedBytes = 0
    /// The first limit the evaluation exceeded; nothing is evaluated after it.
    private var exceeded: XRSLLimitExceeded?

    struct Result {
        var document: XRSLDocument
        var jobs: [XRSLJobText]
        var problems: [(offset: Int, message: String, isError: Bool)]
        var exceeded: XRSLLimitExceeded?
    }

    private init(bytes: CheckedBytes, text: [UInt8], limits: ParseLimits, isASCII: Bool) {
        self.bytes = bytes
        self.text = text
        maxNestingDepth = limits.maxNestingDepth
        maxExpandedBytes = limits.maxExpandedBytes
        maxAlternatives = limits.maxAlternatives
        maxAlternativeValues = limits.maxAlternativeValues
        scope = XRSLScope(isASCII: isASCII)
        // Enough for nearly every description, so that the arrays are not copied while they grow:
        // a value takes about 17 bytes of text, seldom fewer than 10.
        values.reserveCapacity(bytes.count / 8 + 16)
        relations.reserveCapacity(Swift.min(bytes.count / 64, 256) + 16)
    }

    /// `isASCII` and `isPlain` describe `bytes` (see `SourceText`).
    static func read(_ bytes: [UInt8], limits: ParseLimits, isASCII: Bool, isPlain: Bool) throws(XRSLSyntaxError) -> Result {
        let result: Swift.Result<Result, XRSLSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            var parser = XRSLParser(bytes: CheckedBytes(buffer), text: bytes, limits: limits, isASCII: isASCII)
            do throws(XRSLSyntaxError) {
                try parser.parseDescription()
            } catch {
                return .failure(error)
            }
            if parser.jobs.count > limits.maxJobs {
                parser.exceeded = XRSLLimitExceeded(
                    offset: 0, message: "the description holds \(parser.jobs.count) jobs; at most \(limits.maxJobs) are allowed")
            }
            let document = XRSLDocument(bytes: parser.text, relations: parser.relations, values: parser.values, isPlain: isPlain)
            return .success(Result(document: document, jobs: parser.jobs, problems: parser.problems, exceeded: parser.exceeded))
        }
        return try result.get()
    }

    private var evaluating: Bool { exceeded == nil }

    private mutating func parseDescription() throws(XRSLSyntaxError) {
        try skipWhitespace()
        guard index < bytes.count else {
            throw XRSLSyntaxError(offset: 0, message: "the description is empty: expected '&(executable=…)…'")
        }
        var job = XRSLJobText()
        let multi = bytes[index] == UInt8(ascii: "+")
        try parseRequest(depth: 0, into: &job)
        if !multi { jobs.append(job) }
        try skipWhitespace()
        if index < bytes.count {
            throw XRSLSyntaxError(offset: index, message: "unexpected \(describe(index)) after the end of the description")
        }
    }

    // MARK: Requests

    private mutating func parseRequest(depth: Int, into job: inout XRSLJobText) throws(XRSLSyntaxError) {
        guard depth < maxNestingDepth else {
            throw XRSLSyntaxError(offset: index, message: "nesting is deeper than \(maxNestingDepth) levels")
        }
        let start = index
        switch bytes[index] {
        case UInt8(ascii: "&"):
            // All of the groups, which see the variables defined before them; what they define
            // ends with the group.
            index += 1
            let outer = scope.count
            try parseGroups(after: start, depth: depth, into: &job)
            scope.truncate(to: outer, in: text)
        case UInt8(ascii: "|"):
            index += 1
            var branches: [XRSLJobText] = []
            branches.reserveCapacity(4)
            try parseBranches(after: start, depth: depth + 1, into: &branches)
            if evaluating { combine(branches, at: start, into: &job) }
        case UInt8(ascii: "+"):
            guard depth == 0 else {
                throw XRSLSyntaxError(offset: index, message: "'+' (several jobs) is only allowed at the top level")
            }
            // Each group is a job of its own, with no variables yet.
            index += 1
            var groups = 0
            while true {
                try skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "(") else { break }
                var branch = XRSLJobText()
                scope.truncate(to: 0, in: text)
                try parseGroup(depth: depth + 1, into: &branch)
                jobs.append(branch)
                groups += 1
            }
            guard groups > 0 else { throw expectedGroup(after: start) }
        default:
            try parseRelation(depth: depth, into: &job)
        }
    }

    /// `( request ) …` after `&`, at least one.
    private mutating func parseGroups(after start: Int, depth: Int, into job: inout XRSLJobText) throws(XRSLSyntaxError) {
        var groups = 0
        while true {
            try skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "(") else { break }
            try parseGroup(depth: depth + 1, into: &job)
            groups += 1
        }
        guard groups > 0 else { throw expectedGroup(after: start) }
    }

    private func expectedGroup(after start: Int) -> XRSLSyntaxError {
        XRSLSyntaxError(offset: index, message: "expected '(' after '\(UnicodeScalar(bytes[start]))', found \(describe(index))")
    }

    private mutating func parseGroup(depth: Int, into job: inout XRSLJobText) throws(XRSLSyntaxError) {
        let open = try openGroup()
        try parseRequest(depth: depth, into: &job)
        try closeGroup(open)
    }

    /// Consumes `(` and the whitespace after it; the offset of the `(`.
    @inline(__always)
    private mutating func openGroup() throws(XRSLSyntaxError) -> Int {
        let open = index
        index += 1
        try skipWhitespace()
        guard index < bytes.count else {
            throw XRSLSyntaxError(offset: open, message: "'(' is never closed")
        }
        return open
    }

    @inline(__always)
    private mutating func closeGroup(_ open: Int) throws(XRSLSyntaxError) {
        try skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ")") else {
            throw XRSLSyntaxError(offset: index < bytes.count ? index : open,
                                  message: index < bytes.count
                                      ? "expected ')' to close the group, found \(describe(index))"
                                      : "'(' is never closed")
        }
        index += 1
    }

    /// The groups after `|`, each an alternative read with the variables defined before the `|`.
    /// A group that is itself a `|` request adds its groups to the same list, as ARC flattens
    /// nested alternatives.
    private mutating func parseBranches(after start: Int, depth: Int, into branches: inout [XRSLJobText]) throws(XRSLSyntaxError) {
        var groups = 0
        while true {
            try skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "(") else { break }
            let open = try openGroup()
            if bytes[index] == UInt8(ascii: "|") {
                guard depth < maxNestingDepth else {
                    throw XRSLSyntaxError(offset: index, message: "nesting is deeper than \(maxNestingDepth) levels")
                }
                let nested = index
                index += 1
                try parseBranches(after: nested, depth: depth + 1, into: &branches)
            } else {
                var branch = XRSLJobText()
                let outer = scope.count
                try parseRequest(depth: depth, into: &branch)
                scope.truncate(to: outer, in: text)
                branches.append(branch)
            }
            try closeGroup(open)
            groups += 1
        }
        guard groups > 0 else { throw expectedGroup(after: start) }
    }

    /// The first branch continues the main job (and every existing alternative); each further
    /// branch starts a new alternative from what the main job held before the `|`.
    private mutating func combine(_ branches: [XRSLJobText], at offset: Int, into job: inout XRSLJobText) {
        guard let first = branches.first else { return }
        // Counted before any is built: each alternative copies `before`, so building thousands of
        // them first and counting afterwards took gigabytes for a 60 KB description.
        let count = job.alternatives.count + branches.reduce(0) { $0 + $1.alternatives.count } + branches.count - 1
        guard count <= maxAlternatives else {
            exceeded = XRSLLimitExceeded(offset: offset, message: "'|' gives more than \(maxAlternatives) alternative jobs")
            return
        }
        // What the alternatives will repeat, also counted before they are built.
        let beforeCost = job.mainCost
        var cost = job.alternativesCost + job.alternatives.count * first.mainCost
            + first.alternativesCost + first.alternatives.count * beforeCost
        var alreadyCounted = job.alternativesCost + first.alternativesCost
        for other in branches.dropFirst() {
            cost += beforeCost + other.mainCost + other.alternativesCost + other.alternatives.count * beforeCost
            alreadyCounted += other.alternativesCost
        }
        guard charge(cost - alreadyCounted, at: offset) else { return }
        let before = job.main
        var alternatives = job.alternatives.map { $0 + first.main }
        alternatives += first.alternatives.map { before + $0 }
        for other in branches.dropFirst() {
            alternatives.append(before + other.main)
            alternatives += other.alternatives.map { before + $0 }
        }
        job.main = before + first.main
        job.mainCost = beforeCost + first.mainCost
        job.alternatives = alternatives
        job.alternativesCost = cost
    }

    /// Adds what alternatives repeat to the description's total; false (and evaluation stops)
    /// once the total is over `maxAlternativeValues`.
    private mutating func charge(_ repeated: Int, at offset: Int) -> Bool {
        alternativeValues += repeated
        guard alternativeValues <= maxAlternativeValues else {
            exceeded = XRSLLimitExceeded(
                offset: offset,
                message: "the '|' alternatives repeat more than \(maxAlternativeValues) values of the job: each alternative "
                    + "is a whole job holding every attribute written outside its branch again; write fewer alternatives "
                    + "or a smaller job")
            return false
        }
        return true
    }

    // MARK: Relations

    private mutating func parseRelation(depth: Int, into job: inout XRSLJobText) throws(XRSLSyntaxError) {
        let nameOffset = index
        guard startsString(index) else {
            throw XRSLSyntaxError(offset: index, message: "expected an attribute name, found \(describe(index))")
        }
        let name = try parseString()
        try skipWhitespace()
        let relation = try parseOperator(after: name)
        let first = values.count
        var count = 0
        while true {
            try skipWhitespace()
            guard index < bytes.count, bytes[index] != UInt8(ascii: ")") else { break }
            try parseValue(depth: depth + 1)
            count += 1
        }
        guard evaluating else { return }
        let attribute = text.withUnsafeBufferPointer { XRSLAttribute.named($0, name) }
        relations.append(XRSLEvaluatedRelation(
            name: name, nameOffset: nameOffset, relation: relation, attribute: attribute,
            values: first..<values.count, valueCount: count))
        if attribute == .rslsubstitution {
            define(relations.count - 1)
        } else {
            let cost = 1 + values.count - first
            if !job.alternatives.isEmpty, !charge(job.alternatives.count * cost, at: nameOffset) { return }
            job.append(relations.count - 1, cost: cost)
        }
    }

    private mutating func parseOperator(after name: Range<Int>) throws(XRSLSyntaxError) -> RelationOperator {
        guard index < bytes.count else {
            throw XRSLSyntaxError(offset: index, message: "expected an operator (=, !=, <, <=, >, >=) after '\(string(name))'")
        }
        let next = index + 1 < bytes.count ? bytes[index + 1] : 0
        let relation: RelationOperator
        let length: Int
        switch (bytes[index], next) {
        case (UInt8(ascii: "!"), UInt8(ascii: "=")): (relation, length) = (.notEqual, 2)
        case (UInt8(ascii: "<"), UInt8(ascii: "=")): (relation, length) = (.lessOrEqual, 2)
        case (UInt8(ascii: ">"), UInt8(ascii: "=")): (relation, length) = (.greaterOrEqual, 2)
        case (UInt8(ascii: "="), _): (relation, length) = (.equal, 1)
        case (UInt8(ascii: "<"), _): (relation, length) = (.less, 1)
        case (UInt8(ascii: ">"), _): (relation, length) = (.greater, 1)
        default:
            throw XRSLSyntaxError(
                offset: index,
                message: "expected an operator (=, !=, <, <=, >, >=) after '\(string(name))', found \(describe(index))")
        }
        index += length
        return relation
    }

    private func string(_ range: Range<Int>) -> String {
        String(decoding: text[range], as: UTF8.self)
    }

    /// `rsl_substitution` pairs: each `("NAME" "value")` defines a variable for what follows.
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
            scope.define(name, as: values[value + 2].text, in: text)
        }
        if relation.valueCount == 0 {
            problems.append((relation.nameOffset, "'rsl_substitution' takes (\"NAME\" \"value\") pairs", true))
        }
    }

    // MARK: Values

    private mutating func parseValue(depth: Int) throws(XRSLSyntaxError) {
        guard depth < maxNestingDepth else {
            throw XRSLSyntaxError(offset: index, message: "nesting is deeper than \(maxNestingDepth) levels")
        }
        let start = index
        if bytes[index] == UInt8(ascii: "(") {
            index += 1
            let sequence = values.count
            values.append(XRSLEvaluatedValue(isSequence: true, offset: start, text: 0..<0, next: sequence + 1, count: 0))
            var count = 0
            while true {
                try skipWhitespace()
                guard index < bytes.count else {
                    throw XRSLSyntaxError(offset: start, message: "'(' is never closed")
                }
                if bytes[index] == UInt8(ascii: ")") { break }
                try parseValue(depth: depth + 1)
                count += 1
            }
            index += 1
            values[sequence].next = values.count
            values[sequence].count = count
            return
        }
        // Terms joined by juxtaposition or `#`.
        var joined = Joined()
        try parseTerm(into: &joined)
        while index < bytes.count {
            if startsTerm(index) {
                try parseTerm(into: &joined)
                continue
            }
            let beforeWhitespace = index
            try skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "#") else {
                index = beforeWhitespace
                break
            }
            index += 1
            try skipWhitespace()
            guard index < bytes.count, startsTerm(index) else {
                throw XRSLSyntaxError(offset: index, message: "expected a value after '#', found \(describe(index))")
            }
            try parseTerm(into: &joined)
        }
        values.append(XRSLEvaluatedValue(isSequence: false, offset: start, text: joined.text ?? 0..<0, next: values.count + 1, count: 0))
    }

    /// The text of a concatenation so far: a term's own range while it is the only one with text,
    /// then a copy at the end of `text` that grows with each term.
    private struct Joined {
        var text: Range<Int>?
        var copied = false
    }

    @inline(__always)
    private mutating func parseTerm(into joined: inout Joined) throws(XRSLSyntaxError) {
        guard index < bytes.count else {
            throw XRSLSyntaxError(offset: index, message: "expected a value, found the end of the text")
        }
        let start = index
        if bytes[index] == UInt8(ascii: "$") {
            index += 1
            try skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "(") else {
                throw XRSLSyntaxError(offset: start, message: "expected '$(NAME)': '$' must be followed by '('")
            }
            index += 1
            try skipWhitespace()
            guard startsString(index) else {
                throw XRSLSyntaxError(offset: index, message: "expected a variable name inside '$(…)', found \(describe(index))")
            }
            let name = try parseString()
            try skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ")") else {
                throw XRSLSyntaxError(offset: index, message: "expected ')' to close '$(' , found \(describe(index))")
            }
            index += 1
            guard evaluating else { return }
            guard let substitute = scope.value(of: name, in: text) else {
                let name = string(name)
                problems.append((start, "variable '\(name)' is not defined: define it first with (rsl_substitution=(\"\(name)\" \"value\"))", true))
                return
            }
            expandedBytes += substitute.count
            guard expandedBytes <= maxExpandedBytes else {
                exceeded = XRSLLimitExceeded(offset: start, message: "variable substitution expands to more than \(maxExpandedBytes) bytes")
                return
            }
            join(substitute, to: &joined)
            return
        }
        guard startsString(index) else {
            throw XRSLSyntaxError(offset: index, message: "expected a value, found \(describe(index))")
        }
        let literal = try parseString()
        if evaluating { join(literal, to: &joined) }
    }

    private mutating func join(_ piece: Range<Int>, to joined: inout Joined) {
        guard let text = joined.text else {
            joined.text = piece
            return
        }
        if joined.copied {
            // A piece just unescaped into place follows the copy already.
            if piece.lowerBound != text.upperBound { appendCopy(of: piece) }
            joined.text = text.lowerBound..<self.text.count
        } else {
            let start = self.text.count
            appendCopy(of: text)
            appendCopy(of: piece)
            joined.text = start..<self.text.count
            joined.copied = true
        }
    }

    /// Before the first byte is appended to `text` (which shares the description's buffer until
    /// then), room for a quarter more, so that the copy is made once.
    @inline(__always)
    private mutating func prepareToAppend(_ count: Int) {
        if text.count + count > text.capacity {
            text.reserveCapacity(Swift.max(text.count + count, text.count + text.count / 4 + 64, text.capacity * 2))
        }
    }

    /// Appends a copy of `text[range]` to `text`.
    private mutating func appendCopy(of range: Range<Int>) {
        let start = text.count
        guard !range.isEmpty, range.lowerBound >= 0, range.upperBound <= start else { return }
        prepareToAppend(range.count)
        // Through a temporary buffer (on the stack when small): `text` cannot be read while it
        // is appended to, and both copies are plain memory copies.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: range.count) { temporary in
            text.withUnsafeBufferPointer { buffer in
                _ = temporary.initialize(fromContentsOf: UnsafeBufferPointer(rebasing: buffer[range]))
            }
            text.append(contentsOf: UnsafeBufferPointer(temporary))
        }
    }

    // MARK: Strings

    /// The range of the string's text in `text`: in place when no delimiter was doubled.
    @inline(__always)
    private mutating func parseString() throws(XRSLSyntaxError) -> Range<Int> {
        let start = index
        switch bytes[index] {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            return try parseQuoted(delimiter: bytes[index], contentStart: index + 1, reportAt: start)
        case UInt8(ascii: "^"):
            guard index + 1 < bytes.count else {
                throw XRSLSyntaxError(offset: start, message: "'^' must be followed by the delimiter of a quoted string")
            }
            return try parseQuoted(delimiter: bytes[index + 1], contentStart: index + 2, reportAt: start)
        default:
            var end = index
            while end < bytes.count, Self.isBareWordByte(bytes[end]) { end += 1 }
            index = end
            // A word that starts inside a character (after a string closed by a byte of a multi-byte
            // delimiter) becomes the text `String(decoding:)` makes of it.
            if bytes[start] & 0xC0 == 0x80 { return repaired(start..<end) }
            return start..<end
        }
    }

    /// The bytes of `String(decoding: text[range], as: UTF8.self)`, appended to `text`: invalid
    /// sequences become U+FFFD, as when every string was a `String`.
    private mutating func repaired(_ range: Range<Int>) -> Range<Int> {
        let start = text.count
        text.append(contentsOf: String(decoding: text[range], as: UTF8.self).utf8)
        return start..<text.count
    }

    /// A string closed by `delimiter`, where a doubled delimiter stands for one.
    private mutating func parseQuoted(delimiter: UInt8, contentStart: Int, reportAt start: Int) throws(XRSLSyntaxError) -> Range<Int> {
        var cursor = contentStart
        var pieceStart = cursor
        var unescapedStart: Int?
        while true {
            guard let found = bytes.firstIndex(of: delimiter, from: cursor) else {
                throw XRSLSyntaxError(offset: start, message: "string starting here is never closed (expected a closing \(Self.show(delimiter)))")
            }
            if found + 1 < bytes.count, bytes[found + 1] == delimiter {
                if unescapedStart == nil { unescapedStart = text.count }
                prepareToAppend(found + 1 - pieceStart)
                text.append(contentsOf: bytes[pieceStart..<(found + 1)])
                cursor = found + 2
                pieceStart = cursor
                continue
            }
            index = found + 1
            guard let unescapedStart else {
                // A delimiter that is part of a multi-byte character can split characters.
                return delimiter < 0x80 ? pieceStart..<found : repaired(pieceStart..<found)
            }
            prepareToAppend(found - pieceStart)
            text.append(contentsOf: bytes[pieceStart..<found])
            guard delimiter >= 0x80 else { return unescapedStart..<text.count }
            let unescaped = repaired(unescapedStart..<text.count)
            text.removeSubrange(unescapedStart..<unescaped.lowerBound)
            return unescapedStart..<(unescapedStart + unescaped.count)
        }
    }

    // MARK: Lexical helpers

    /// Not whitespace and none of `+&|()=<>!"'^#$`.
    @inline(__always)
    private static func isBareWordByte(_ byte: UInt8) -> Bool {
        // Bit b of the mask is set for the bytes 0...63 that end a word; bytes from 64 on all
        // belong to words except `^` and `|`.
        if byte < 64 { return (0x7000_0BDF_0000_3E00 as UInt64) >> UInt64(byte) & 1 == 0 }
        return byte != UInt8(ascii: "^") && byte != UInt8(ascii: "|")
    }

    @inline(__always)
    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte &- 0x09 < 5
    }

    @inline(__always)
    private func startsString(_ offset: Int) -> Bool {
        guard offset < bytes.count else { return false }
        let byte = bytes[offset]
        return byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "^") || Self.isBareWordByte(byte)
    }

    @inline(__always)
    private func startsTerm(_ offset: Int) -> Bool {
        startsString(offset) || (offset < bytes.count && bytes[offset] == UInt8(ascii: "$"))
    }

    @inline(__always)
    private mutating func skipWhitespace() throws(XRSLSyntaxError) {
        while index < bytes.count {
            let byte = bytes[index]
            if Self.isWhitespace(byte) {
                index += 1
            } else if byte == UInt8(ascii: "("), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                try skipComment()
            } else {
                return
            }
        }
    }

    /// Skips `(* … *)` at `index`.
    @inline(never)
    private mutating func skipComment() throws(XRSLSyntaxError) {
        let start = index
        index += 2
        while true {
            guard let star = bytes.firstIndex(of: UInt8(ascii: "*"), from: index) else {
                throw XRSLSyntaxError(offset: start, message: "comment '(*' is never closed with '*)'")
            }
            if star + 1 < bytes.count, bytes[star + 1] == UInt8(ascii: ")") {
                index = star + 2
                return
            }
            index = star + 1
        }
    }

    private func describe(_ offset: Int) -> String {
        guard offset < bytes.count else { return "the end of the text" }
        return Self.show(bytes[offset])
    }

    private static func show(_ byte: UInt8) -> String {
        switch byte {
        case 0x20...0x7E: "'\(Character(UnicodeScalar(byte)))'"
        case 0x0A: "a line break"
        default: "byte 0x" + String(byte, radix: 16, uppercase: true)
        }
    }
}

/// An evaluation limit exceeded: the description's only finding.
struct XRSLLimitExceeded: Error, Sendable {
    var offset: Int
    var message: String
}

/// The bytes being parsed, read with a bounds check like an array's but without its reference
/// counting.
struct CheckedBytes {
    private let buffer: UnsafeBufferPointer<UInt8>
    let count: Int

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        self.buffer = buffer
        count = buffer.count
    }

    @inline(__always)
    subscript(offset: Int) -> UInt8 {
        precondition(UInt(bitPattern: offset) < UInt(bitPattern: count), "offset out of range")
        return buffer[offset]
    }

    @inline(__always)
    subscript(range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "range out of range")
        return UnsafeBufferPointer(rebasing: buffer[range])
    }

    /// The first offset at or after `start` that holds `byte`.
    func firstIndex(of byte: UInt8, from start: Int) -> Int? {
        guard start >= 0, start < count, let base = buffer.baseAddress,
              let found = memchr(base + start, Int32(byte), count - start)
        else { return nil }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
    }
}
