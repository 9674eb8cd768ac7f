/// Turns xRSL bytes into a syntax tree (grammar: shared xRSL spec §2.1).
///
/// Recursive descent whose depth is bounded by `maxNestingDepth`, so no input can exhaust the
/// stack; comments are skipped wherever whitespace may stand, never inside strings.
struct XRSLParser {
    private let bytes: [UInt8]
    private let maxNestingDepth: Int
    private var index = 0

    init(bytes: [UInt8], maxNestingDepth: Int) {
        self.bytes = bytes
        self.maxNestingDepth = maxNestingDepth
    }

    static func parse(_ bytes: [UInt8], maxNestingDepth: Int) throws(XRSLSyntaxError) -> XRSLRequest {
        var parser = XRSLParser(bytes: bytes, maxNestingDepth: maxNestingDepth)
        return try parser.parseDescription()
    }

    private mutating func parseDescription() throws(XRSLSyntaxError) -> XRSLRequest {
        try skipWhitespace()
        guard index < bytes.count else {
            throw XRSLSyntaxError(offset: 0, message: "the description is empty: expected '&(executable=…)…'")
        }
        let request = try parseRequest(depth: 0)
        try skipWhitespace()
        if index < bytes.count {
            throw XRSLSyntaxError(offset: index, message: "unexpected \(describe(index)) after the end of the description")
        }
        return request
    }

    // MARK: Requests

    private mutating func parseRequest(depth: Int) throws(XRSLSyntaxError) -> XRSLRequest {
        guard depth < maxNestingDepth else {
            throw XRSLSyntaxError(offset: index, message: "nesting is deeper than \(maxNestingDepth) levels")
        }
        let start = index
        let kind: XRSLOperator
        switch bytes[index] {
        case UInt8(ascii: "&"): kind = .conjunction
        case UInt8(ascii: "|"): kind = .disjunction
        case UInt8(ascii: "+"):
            guard depth == 0 else {
                throw XRSLSyntaxError(offset: index, message: "'+' (several jobs) is only allowed at the top level")
            }
            kind = .multi
        default:
            return .relation(try parseRelation(depth: depth))
        }
        index += 1
        var groups: [XRSLRequest] = []
        while true {
            try skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "(") else { break }
            groups.append(try parseGroup(depth: depth + 1))
        }
        guard !groups.isEmpty else {
            throw XRSLSyntaxError(offset: index, message: "expected '(' after '\(UnicodeScalar(bytes[start]))', found \(describe(index))")
        }
        return .operation(kind, groups, offset: start)
    }

    private mutating func parseGroup(depth: Int) throws(XRSLSyntaxError) -> XRSLRequest {
        let open = index
        index += 1
        try skipWhitespace()
        guard index < bytes.count else {
            throw XRSLSyntaxError(offset: open, message: "'(' is never closed")
        }
        let request = try parseRequest(depth: depth)
        try skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ")") else {
            throw XRSLSyntaxError(offset: index < bytes.count ? index : open,
                                  message: index < bytes.count
                                      ? "expected ')' to close the group, found \(describe(index))"
                                      : "'(' is never closed")
        }
        index += 1
        return request
    }

    // MARK: Relations

    private mutating func parseRelation(depth: Int) throws(XRSLSyntaxError) -> XRSLRelation {
        let nameOffset = index
        guard startsString(index) else {
            throw XRSLSyntaxError(offset: index, message: "expected an attribute name, found \(describe(index))")
        }
        let name = try parseString()
        try skipWhitespace()
        let relation = try parseOperator(after: name)
        var values: [XRSLValue] = []
        while true {
            try skipWhitespace()
            guard index < bytes.count, bytes[index] != UInt8(ascii: ")") else { break }
            values.append(try parseValue(depth: depth + 1))
        }
        return XRSLRelation(name: name, nameOffset: nameOffset, relation: relation, values: values)
    }

    private mutating func parseOperator(after name: String) throws(XRSLSyntaxError) -> RelationOperator {
        guard index < bytes.count else {
            throw XRSLSyntaxError(offset: index, message: "expected an operator (=, !=, <, <=, >, >=) after '\(name)'")
        }
        let next = index + 1 < bytes.count ? bytes[index + 1] : 0
        let relation: RelationOperator
        switch (bytes[index], next) {
        case (UInt8(ascii: "!"), UInt8(ascii: "=")): relation = .notEqual
        case (UInt8(ascii: "<"), UInt8(ascii: "=")): relation = .lessOrEqual
        case (UInt8(ascii: ">"), UInt8(ascii: "=")): relation = .greaterOrEqual
        case (UInt8(ascii: "="), _): relation = .equal
        case (UInt8(ascii: "<"), _): relation = .less
        case (UInt8(ascii: ">"), _): relation = .greater
        default:
            throw XRSLSyntaxError(
                offset: index, message: "expected an operator (=, !=, <, <=, >, >=) after '\(name)', found \(describe(index))")
        }
        index += relation.rawValue.utf8.count
        return relation
    }

    // MARK: Values

    private mutating func parseValue(depth: Int) throws(XRSLSyntaxError) -> XRSLValue {
        guard depth < maxNestingDepth else {
            throw XRSLSyntaxError(offset: index, message: "nesting is deeper than \(maxNestingDepth) levels")
        }
        let start = index
        if bytes[index] == UInt8(ascii: "(") {
            index += 1
            var items: [XRSLValue] = []
            while true {
                try skipWhitespace()
                guard index < bytes.count else {
                    throw XRSLSyntaxError(offset: start, message: "'(' is never closed")
                }
                if bytes[index] == UInt8(ascii: ")") { break }
                items.append(try parseValue(depth: depth + 1))
            }
            index += 1
            return .sequence(items, offset: start)
        }
        var terms = [try parseTerm()]
        while index < bytes.count {
            if startsTerm(index) {
                terms.append(try parseTerm())
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
            terms.append(try parseTerm())
        }
        return .concatenation(terms, offset: start)
    }

    private mutating func parseTerm() throws(XRSLSyntaxError) -> XRSLTerm {
        guard index < bytes.count else {
            throw XRSLSyntaxError(offset: index, message: "expected a value, found the end of the text")
        }
        if bytes[index] == UInt8(ascii: "$") {
            let start = index
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
            return .variable(name, offset: start)
        }
        guard startsString(index) else {
            throw XRSLSyntaxError(offset: index, message: "expected a value, found \(describe(index))")
        }
        return .literal(try parseString())
    }

    // MARK: Strings

    private mutating func parseString() throws(XRSLSyntaxError) -> String {
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
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
    }

    /// A string closed by `delimiter`, where a doubled delimiter stands for one.
    private mutating func parseQuoted(delimiter: UInt8, contentStart: Int, reportAt start: Int) throws(XRSLSyntaxError) -> String {
        var cursor = contentStart
        var pieceStart = cursor
        var result: [UInt8] = []
        while true {
            guard let found = bytes[cursor...].firstIndex(of: delimiter) else {
                throw XRSLSyntaxError(offset: start, message: "string starting here is never closed (expected a closing \(Self.show(delimiter)))")
            }
            if found + 1 < bytes.count, bytes[found + 1] == delimiter {
                result.append(contentsOf: bytes[pieceStart...found])
                cursor = found + 2
                pieceStart = cursor
                continue
            }
            if result.isEmpty {
                index = found + 1
                return String(decoding: bytes[pieceStart..<found], as: UTF8.self)
            }
            result.append(contentsOf: bytes[pieceStart..<found])
            index = found + 1
            return String(decoding: result, as: UTF8.self)
        }
    }

    // MARK: Lexical helpers

    private static func isBareWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "+"), UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "!"), UInt8(ascii: "\""),
             UInt8(ascii: "'"), UInt8(ascii: "^"), UInt8(ascii: "#"), UInt8(ascii: "$"):
            return false
        default:
            return !isWhitespace(byte)
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    private func startsString(_ offset: Int) -> Bool {
        guard offset < bytes.count else { return false }
        let byte = bytes[offset]
        return byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "^") || Self.isBareWordByte(byte)
    }

    private func startsTerm(_ offset: Int) -> Bool {
        startsString(offset) || (offset < bytes.count && bytes[offset] == UInt8(ascii: "$"))
    }

    private mutating func skipWhitespace() throws(XRSLSyntaxError) {
        while index < bytes.count {
            let byte = bytes[index]
            if Self.isWhitespace(byte) {
                index += 1
            } else if byte == UInt8(ascii: "("), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                let start = index
                index += 2
                while true {
                    guard let star = bytes[index...].firstIndex(of: UInt8(ascii: "*")) else {
                        throw XRSLSyntaxError(offset: start, message: "comment '(*' is never closed with '*)'")
                    }
                    if star + 1 < bytes.count, bytes[star + 1] == UInt8(ascii: ")") {
                        index = star + 2
                        break
                    }
                    index = star + 1
                }
            } else {
                return
            }
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
