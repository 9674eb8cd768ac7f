#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns xRSL bytes into a syntax tree (grammar: shared xRSL spec §2.1).
///
/// Recursive descent whose depth is bounded by `maxNestingDepth`, so no input can exhaust the
/// stack; comments are skipped wherever whitespace may stand, never inside strings.
struct XRSLParser {
    private let bytes: CheckedBytes
    private let maxNestingDepth: Int
    private var index = 0
    private var nodes: [XRSLNode] = []
    /// `bytes`, then the unescaped text of quoted strings with doubled delimiters.
    private var text: [UInt8]

    private init(bytes: CheckedBytes, text: [UInt8], maxNestingDepth: Int) {
        self.bytes = bytes
        self.maxNestingDepth = maxNestingDepth
        self.text = text
        nodes.reserveCapacity(bytes.count / 12 + 8)
    }

    static func parse(_ bytes: [UInt8], maxNestingDepth: Int) throws(XRSLSyntaxError) -> XRSLSyntaxTree {
        let result: Result<XRSLSyntaxTree, XRSLSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            var parser = XRSLParser(bytes: CheckedBytes(buffer), text: bytes, maxNestingDepth: maxNestingDepth)
            do throws(XRSLSyntaxError) {
                try parser.parseDescription()
            } catch {
                return .failure(error)
            }
            return .success(XRSLSyntaxTree(nodes: parser.nodes, bytes: parser.text))
        }
        return try result.get()
    }

    private mutating func parseDescription() throws(XRSLSyntaxError) {
        try skipWhitespace()
        guard index < bytes.count else {
            throw XRSLSyntaxError(offset: 0, message: "the description is empty: expected '&(executable=…)…'")
        }
        try parseRequest(depth: 0)
        try skipWhitespace()
        if index < bytes.count {
            throw XRSLSyntaxError(offset: index, message: "unexpected \(describe(index)) after the end of the description")
        }
    }

    // MARK: Nodes

    /// Appends a node whose descendants follow; `close` records where they end.
    private mutating func open(_ kind: XRSLNode.Kind, offset: Int, text: Range<Int> = 0..<0,
                               relation: RelationOperator = .equal) -> Int {
        nodes.append(XRSLNode(kind: kind, relation: relation, offset: offset, text: text, next: nodes.count + 1))
        return nodes.count - 1
    }

    private mutating func close(_ node: Int) {
        nodes[node].next = nodes.count
    }

    // MARK: Requests

    private mutating func parseRequest(depth: Int) throws(XRSLSyntaxError) {
        guard depth < maxNestingDepth else {
            throw XRSLSyntaxError(offset: index, message: "nesting is deeper than \(maxNestingDepth) levels")
        }
        let start = index
        let kind: XRSLNode.Kind
        switch bytes[index] {
        case UInt8(ascii: "&"): kind = .conjunction
        case UInt8(ascii: "|"): kind = .disjunction
        case UInt8(ascii: "+"):
            guard depth == 0 else {
                throw XRSLSyntaxError(offset: index, message: "'+' (several jobs) is only allowed at the top level")
            }
            kind = .multi
        default:
            try parseRelation(depth: depth)
            return
        }
        index += 1
        let node = open(kind, offset: start)
        var groups = 0
        while true {
            try skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "(") else { break }
            try parseGroup(depth: depth + 1)
            groups += 1
        }
        guard groups > 0 else {
            throw XRSLSyntaxError(offset: index, message: "expected '(' after '\(UnicodeScalar(bytes[start]))', found \(describe(index))")
        }
        close(node)
    }

    private mutating func parseGroup(depth: Int) throws(XRSLSyntaxError) {
        let open = index
        index += 1
        try skipWhitespace()
        guard index < bytes.count else {
            throw XRSLSyntaxError(offset: open, message: "'(' is never closed")
        }
        try parseRequest(depth: depth)
        try skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ")") else {
            throw XRSLSyntaxError(offset: index < bytes.count ? index : open,
                                  message: index < bytes.count
                                      ? "expected ')' to close the group, found \(describe(index))"
                                      : "'(' is never closed")
        }
        index += 1
    }

    // MARK: Relations

    private mutating func parseRelation(depth: Int) throws(XRSLSyntaxError) {
        let nameOffset = index
        guard startsString(index) else {
            throw XRSLSyntaxError(offset: index, message: "expected an attribute name, found \(describe(index))")
        }
        let name = try parseString()
        try skipWhitespace()
        let relation = try parseOperator(after: name)
        let node = open(.relation, offset: nameOffset, text: name, relation: relation)
        while true {
            try skipWhitespace()
            guard index < bytes.count, bytes[index] != UInt8(ascii: ")") else { break }
            try parseValue(depth: depth + 1)
        }
        close(node)
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

    // MARK: Values

    private mutating func parseValue(depth: Int) throws(XRSLSyntaxError) {
        guard depth < maxNestingDepth else {
            throw XRSLSyntaxError(offset: index, message: "nesting is deeper than \(maxNestingDepth) levels")
        }
        let start = index
        if bytes[index] == UInt8(ascii: "(") {
            index += 1
            let node = open(.sequence, offset: start)
            while true {
                try skipWhitespace()
                guard index < bytes.count else {
                    throw XRSLSyntaxError(offset: start, message: "'(' is never closed")
                }
                if bytes[index] == UInt8(ascii: ")") { break }
                try parseValue(depth: depth + 1)
            }
            index += 1
            close(node)
            return
        }
        let node = open(.concatenation, offset: start)
        try parseTerm()
        while index < bytes.count {
            if startsTerm(index) {
                try parseTerm()
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
            try parseTerm()
        }
        if nodes.count == node + 2, nodes[node + 1].kind == .literal {
            // One literal: the value is that string.
            nodes[node] = XRSLNode(kind: .string, relation: .equal, offset: start, text: nodes[node + 1].text, next: node + 1)
            nodes.removeLast()
        } else {
            close(node)
        }
    }

    private mutating func parseTerm() throws(XRSLSyntaxError) {
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
            _ = open(.variable, offset: start, text: name)
            return
        }
        guard startsString(index) else {
            throw XRSLSyntaxError(offset: index, message: "expected a value, found \(describe(index))")
        }
        let literal = try parseString()
        _ = open(.literal, offset: start, text: literal)
    }

    // MARK: Strings

    /// The range of the string's text in `text`: in place when no delimiter was doubled.
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
            while index < bytes.count, Self.isBareWordByte(bytes[index]) { index += 1 }
            // A word that starts inside a character (after a string closed by a byte of a multi-byte
            // delimiter) becomes the text `String(decoding:)` makes of it.
            if bytes[start] & 0xC0 == 0x80 { return repaired(start..<index) }
            return start..<index
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
            guard let found = firstIndex(of: delimiter, from: cursor) else {
                throw XRSLSyntaxError(offset: start, message: "string starting here is never closed (expected a closing \(Self.show(delimiter)))")
            }
            if found + 1 < bytes.count, bytes[found + 1] == delimiter {
                if unescapedStart == nil { unescapedStart = text.count }
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
            text.append(contentsOf: bytes[pieceStart..<found])
            guard delimiter >= 0x80 else { return unescapedStart..<text.count }
            let unescaped = repaired(unescapedStart..<text.count)
            text.removeSubrange(unescapedStart..<unescaped.lowerBound)
            return unescapedStart..<(unescapedStart + unescaped.count)
        }
    }

    private func firstIndex(of byte: UInt8, from start: Int) -> Int? {
        bytes.firstIndex(of: byte, from: start)
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
            guard let star = firstIndex(of: UInt8(ascii: "*"), from: index) else {
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
