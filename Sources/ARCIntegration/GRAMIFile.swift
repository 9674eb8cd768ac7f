import Foundation
import Glibc
import JobDescriptions

/// A-REX's job options file, `job.<ID>.grami` (spec §4), as the backend commands need it: a few
/// values looked up by name, and the `joboption_jobid=` line the submit command appends.
///
/// arkd's daemon parses the whole file itself (it receives the text); here only single values are
/// read, with A-REX's quoting (`'…'` runs, `'\''` for a quote, backslash escapes, `"…"` runs), and
/// without the parser's validation: the scan must read an id from thousands of files quickly and
/// from files a site policy might reject.
public struct GRAMIFile: Sendable {
    public let path: String
    public let bytes: [UInt8]

    /// The longest GRAMI file read: the daemon refuses larger descriptions anyway.
    public static let maximumSize = ParseLimits.standard.maxInputBytes

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// Reads the file; it must exist.
    public static func read(_ path: String) throws(ARCFileError) -> GRAMIFile {
        guard let bytes = try PlainFile.contents(path, limit: maximumSize + 1) else {
            throw ARCFileError(operation: "read the GRAMI file", path: path, code: ENOENT)
        }
        guard bytes.count <= maximumSize else {
            throw ARCFileError(operation: "read the GRAMI file", path: path, code: EFBIG,
                               detail: "larger than \(maximumSize) bytes")
        }
        return GRAMIFile(path: path, bytes: bytes)
    }

    /// True when the bytes look like job options rather than xRSL or ADL: a guard against handing
    /// the daemon some other description as if it were a grid job.
    public var isJobOptions: Bool { DescriptionLanguage.detect(bytes) == .grami }

    /// Every value of `joboption_<name>`, in file order, unquoted.
    public func values(_ name: String) -> [String] {
        let prefix = Array("joboption_\(name)=".utf8)
        var result: [String] = []
        var lineStart = 0
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            var start = lineStart
            while start < lineEnd, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start += 1 }
            if bytes[start..<lineEnd].starts(with: prefix) {
                result.append(Self.unquote(bytes[(start + prefix.count)..<lineEnd]))
            }
            lineStart = lineEnd + 1
        }
        return result
    }

    /// The shell's value: the last assignment wins.
    public func value(_ name: String) -> String? {
        values(name).last
    }

    /// The arkd job id a submit recorded: A-REX reads the first `joboption_jobid` (spec §3.1).
    public var localID: String? { values("jobid").first }

    public var gridID: String? { value("gridid").flatMap { $0.isEmpty ? nil : $0 } }

    public var sessionDirectory: String? { value("directory").flatMap { $0.isEmpty ? nil : $0 } }

    /// `joboption_count`: the slots (cores) the job asked for.
    public var processorCount: Int? { value("count").flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } }

    /// Appends `joboption_jobid=<id>` as one newline-terminated line in a single `O_APPEND` write,
    /// then flushes it: A-REX takes the job as submitted once it reads the line (spec §3.1, and
    /// after a restart it skips resubmission when it finds one). A file whose last line lacks its
    /// newline gets one first, so the id never runs into another value.
    public static func appendJobID(_ id: String, to path: String) throws(ARCFileError) {
        try PlainFile.append(Array("joboption_jobid=\(quote(id))\n".utf8), to: path, create: nil, onNewLine: true,
                             sync: true)
    }

    /// A value as A-REX writes strings: bare when it is plainly safe, else single-quoted.
    static func quote(_ value: String) -> String {
        let safe = !value.isEmpty && value.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
        return safe ? value : "'" + value.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    /// One shell word: quoted runs concatenated; unquoted blanks or a `#` after blanks end it.
    static func unquote(_ text: ArraySlice<UInt8>) -> String {
        var result: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            switch byte {
            case UInt8(ascii: "'"):
                let close = text[(index + 1)...].firstIndex(of: UInt8(ascii: "'")) ?? text.endIndex
                result.append(contentsOf: text[(index + 1)..<close])
                index = close + 1
            case UInt8(ascii: "\""):
                index += 1
                while index < text.endIndex, text[index] != UInt8(ascii: "\"") {
                    if text[index] == UInt8(ascii: "\\"), index + 1 < text.endIndex,
                       [UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "$"), UInt8(ascii: "`")].contains(text[index + 1]) {
                        index += 1
                    }
                    result.append(text[index])
                    index += 1
                }
                index += 1
            case UInt8(ascii: "\\"):
                if index + 1 < text.endIndex { result.append(text[index + 1]) }
                index += 2
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                return String(decoding: result, as: UTF8.self)
            default:
                result.append(byte)
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
