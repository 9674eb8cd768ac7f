/// Checks that a file name stays inside the job's session directory.
///
/// Names come from untrusted descriptions and become paths on a shared filesystem; an absolute
/// name or a `..` that climbs out would let a job read or overwrite files of the site or of other
/// jobs.
enum SessionPath {
    /// Why `name` is unsafe, or nil when it stays inside the session directory.
    static func problem(with name: String, allowWholeDirectory: Bool = false) -> String? {
        if name.isEmpty { return "is empty" }
        // A plain name (ASCII without CR, see `PlainText`) is checked byte by byte.
        let plain: String?? = PlainText.withBytes(name) { bytes in
            let summary = PlainText.summary(bytes)
            return summary.isPlain ? .some(inspectPlain(bytes, summary, allowWholeDirectory: allowWholeDirectory).problem) : .none
        }
        if let plain { return plain }
        return unicodeProblem(with: name, allowWholeDirectory: allowWholeDirectory)
    }

    /// One pass over a plain, non-empty name, after `summary` (its `PlainText.summary`):
    /// `problem(with:)`, and whether the name is already normal (no empty, `.` or `..` component).
    private static func inspectPlain(_ bytes: UnsafeBufferPointer<UInt8>, _ summary: PlainText.Summary,
                                     allowWholeDirectory: Bool) -> (problem: String?, normal: Bool) {
        let count = bytes.count
        if !summary.hasSlashOrNUL {
            // One component (the common case).
            if count == 1, bytes[0] == UInt8(ascii: ".") {
                return (allowWholeDirectory ? nil : "names the session directory itself", false)
            }
            if count == 2, bytes[0] == UInt8(ascii: "."), bytes[1] == UInt8(ascii: ".") {
                return ("leaves the session directory through '..'", false)
            }
            return (nil, count > 0)
        }
        var nul = false
        var normal = true
        var depth = 0
        var leaves = false
        var componentStart = 0
        var index = 0
        while index <= count {
            let byte: UInt8 = index < count ? bytes[index] : UInt8(ascii: "/")
            if index < count, byte == 0 { nul = true }
            if byte == UInt8(ascii: "/") {
                switch index - componentStart {
                case 0:
                    normal = false
                case 1 where bytes[componentStart] == UInt8(ascii: "."):
                    normal = false
                case 2 where bytes[componentStart] == UInt8(ascii: ".") && bytes[componentStart + 1] == UInt8(ascii: "."):
                    normal = false
                    depth -= 1
                    if depth < 0 { leaves = true }
                default:
                    if !leaves { depth += 1 }
                }
                componentStart = index + 1
            }
            index += 1
        }
        let problem: String?
        if nul {
            problem = "contains a NUL byte"
        } else if count == 1, bytes[0] == UInt8(ascii: "/") {
            problem = allowWholeDirectory ? nil : "names the session directory itself"
        } else if count > 0, bytes[0] == UInt8(ascii: "/") {
            problem = "is absolute: names are relative to the session directory"
        } else if leaves {
            problem = "leaves the session directory through '..'"
        } else if depth == 0 {
            problem = allowWholeDirectory ? nil : "names the session directory itself"
        } else {
            problem = nil
        }
        return (problem, normal)
    }

    private static func unicodeProblem(with name: String, allowWholeDirectory: Bool) -> String? {
        if name.utf8.contains(0) { return "contains a NUL byte" }
        if name == "/" { return allowWholeDirectory ? nil : "names the session directory itself" }
        if name.hasPrefix("/") { return "is absolute: names are relative to the session directory" }
        var depth = 0
        for component in name.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                depth -= 1
                if depth < 0 { return "leaves the session directory through '..'" }
            default: depth += 1
            }
        }
        if depth == 0 { return allowWholeDirectory ? nil : "names the session directory itself" }
        return nil
    }

    /// For an input file's name: `problem(with:)`, `normalized(_:)`, and for a plain name (see
    /// `PlainText`) a hash of the normalised name's bytes, in one look at the bytes.
    static func inspectInputName(_ name: String) -> (problem: String?, normalized: String, plainHash: UInt64?) {
        let plain: (String?, String?, UInt64)? = PlainText.withBytes(name) { bytes in
            let summary = PlainText.summary(bytes)
            guard summary.isPlain else { return nil }
            guard !bytes.isEmpty else { return ("is empty", nil, summary.hash) }
            let (problem, normal) = inspectPlain(bytes, summary, allowWholeDirectory: false)
            guard !normal, let normalized = plainNormalized(bytes) else { return (problem, nil, summary.hash) }
            return (problem, normalized, PlainText.withBytes(normalized) { PlainText.hash($0) })
        }
        if let (problem, normalized, hash) = plain { return (problem, normalized ?? name, hash) }
        return (problem(with: name), unicodeNormalized(name), nil)
    }

    /// The name with `.` and `..` resolved, for detecting two names for one file.
    static func normalized(_ name: String) -> String {
        let plain: String?? = PlainText.withBytes(name) { bytes in
            PlainText.isPlain(bytes) ? .some(plainNormalized(bytes)) : .none
        }
        if let plain { return plain ?? name }
        return unicodeNormalized(name)
    }

    /// `normalized` for plain names; nil when the name is already normal (no empty, `.` or `..`
    /// component).
    private static func plainNormalized(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let count = bytes.count
        guard count > 0 else { return nil }
        // Most names are already normal: check before building anything.
        var normal = true
        var start = 0
        while start <= count {
            let end = PlainText.firstIndex(of: UInt8(ascii: "/"), in: bytes, start..<count) ?? count
            if case .name = Component(bytes, start..<end) {} else {
                normal = false
                break
            }
            start = end + 1
        }
        guard !normal else { return nil }
        var parts: [Range<Int>] = []
        start = 0
        while start <= count {
            let end = PlainText.firstIndex(of: UInt8(ascii: "/"), in: bytes, start..<count) ?? count
            switch Component(bytes, start..<end) {
            case .empty, .current: break
            case .parent: _ = parts.popLast()
            case .name: parts.append(start..<end)
            }
            start = end + 1
        }
        var result: [UInt8] = []
        result.reserveCapacity(count)
        for (index, part) in parts.enumerated() {
            if index > 0 { result.append(UInt8(ascii: "/")) }
            result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[part]))
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static func unicodeNormalized(_ name: String) -> String {
        var parts: [Substring] = []
        for component in name.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(component)
            }
        }
        return parts.joined(separator: "/")
    }

    private enum Component {
        case empty, current, parent, name

        init(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
            switch range.count {
            case 0: self = .empty
            case 1: self = bytes[range.lowerBound] == UInt8(ascii: ".") ? .current : .name
            case 2:
                self = bytes[range.lowerBound] == UInt8(ascii: ".") && bytes[range.lowerBound + 1] == UInt8(ascii: ".")
                    ? .parent : .name
            default: self = .name
            }
        }
    }
}
