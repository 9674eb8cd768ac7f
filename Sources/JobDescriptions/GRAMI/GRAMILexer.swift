/// Reads A-REX's GRAMI file without a shell: each line is `joboption_NAME=WORD`, where WORD is
/// built from single-quoted runs (`'…'`, A-REX escapes `'` as `'\''`), backslash escapes,
/// double-quoted runs and plain characters.
///
/// Anything that would make a shell do work (`$`, backquotes, `;`, pipes, redirections) is refused:
/// arkd never runs the file, so such a line cannot mean what its author intended.
struct GRAMILexer {
    struct Problem: Error {
        var offset: Int
        var message: String
    }

    private let bytes: [UInt8]
    private var index = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    static func assignments(in bytes: [UInt8]) -> (assignments: [GRAMIAssignment], problems: [Problem]) {
        var lexer = GRAMILexer(bytes: bytes)
        var assignments: [GRAMIAssignment] = []
        var problems: [Problem] = []
        while lexer.index < bytes.count {
            let lineStart = lexer.index
            do {
                if let assignment = try lexer.line() { assignments.append(assignment) }
            } catch {
                problems.append(error)
                lexer.index = lineStart
                lexer.skipLine()
            }
        }
        return (assignments, problems)
    }

    private static let prefix = Array("joboption_".utf8)

    private mutating func line() throws(Problem) -> GRAMIAssignment? {
        skipBlanks()
        let start = index
        guard index < bytes.count, bytes[index] != UInt8(ascii: "\n"), bytes[index] != UInt8(ascii: "#") else {
            skipLine()
            return nil
        }
        guard bytes[index...].starts(with: Self.prefix) else {
            throw Problem(offset: start, message: "expected a 'joboption_NAME=value' assignment")
        }
        index += Self.prefix.count
        let nameStart = index
        while index < bytes.count, Self.isNameByte(bytes[index]) { index += 1 }
        let name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
        guard !name.isEmpty, index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
            throw Problem(offset: index, message: "expected '=' right after the variable name")
        }
        index += 1
        let value = try word()
        skipBlanks()
        if index < bytes.count, bytes[index] == UInt8(ascii: "#") {
            index = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        }
        guard index >= bytes.count || bytes[index] == UInt8(ascii: "\n") else {
            throw Problem(offset: index, message: "unexpected text after the value; quote values that contain spaces")
        }
        index += 1
        return GRAMIAssignment(name: name, value: value, offset: start)
    }

    private mutating func word() throws(Problem) -> String {
        var result: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "'"):
                let open = index
                index += 1
                guard let close = bytes[index...].firstIndex(of: UInt8(ascii: "'")) else {
                    throw Problem(offset: open, message: "single-quoted value is never closed")
                }
                result.append(contentsOf: bytes[index..<close])
                index = close + 1
            case UInt8(ascii: "\\"):
                guard index + 1 < bytes.count, bytes[index + 1] != UInt8(ascii: "\n") else {
                    throw Problem(offset: index, message: "a backslash at the end of a line continues it, which GRAMI never does")
                }
                result.append(bytes[index + 1])
                index += 2
            case UInt8(ascii: "\""):
                try doubleQuoted(into: &result)
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                return String(decoding: result, as: UTF8.self)
            case UInt8(ascii: "$"), UInt8(ascii: "`"), UInt8(ascii: ";"), UInt8(ascii: "&"), UInt8(ascii: "|"),
                 UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "("), UInt8(ascii: ")"):
                throw Problem(offset: index, message: "'\(Character(UnicodeScalar(byte)))' outside quotes needs a shell; arkd reads GRAMI without one")
            default:
                result.append(byte)
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    private mutating func doubleQuoted(into result: inout [UInt8]) throws(Problem) {
        let open = index
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return
            case UInt8(ascii: "\\") where index + 1 < bytes.count && "$`\"\\".utf8.contains(bytes[index + 1]):
                result.append(bytes[index + 1])
                index += 2
            case UInt8(ascii: "$"), UInt8(ascii: "`"):
                throw Problem(offset: index, message: "'\(Character(UnicodeScalar(byte)))' inside double quotes needs a shell; arkd reads GRAMI without one")
            default:
                result.append(byte)
                index += 1
            }
        }
        throw Problem(offset: open, message: "double-quoted value is never closed")
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
    }

    private mutating func skipBlanks() {
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") || bytes[index] == UInt8(ascii: "\r") {
            index += 1
        }
    }

    private mutating func skipLine() {
        if let newline = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) { index = newline + 1 } else { index = bytes.count }
    }
}
