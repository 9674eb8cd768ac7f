/// Checks that a file name stays inside the job's session directory.
///
/// Names come from untrusted descriptions and become paths on a shared filesystem; an absolute
/// name or a `..` that climbs out would let a job read or overwrite files of the site or of other
/// jobs.
enum SessionPath {
    /// Why `name` is unsafe, or nil when it stays inside the session directory.
    static func problem(with name: String, allowWholeDirectory: Bool = false) -> String? {
        if name.isEmpty { return "is empty" }
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

    /// The name with `.` and `..` resolved, for detecting two names for one file.
    static func normalized(_ name: String) -> String {
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
}
