import Foundation

/// A control or session file operation that failed: what was being done, to which file, and the
/// system's reason. The scan prints it to A-REX's helper log and carries on with the other jobs.
public struct ARCFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var operation: String
    public var path: String
    /// The `errno` value, or 0 when the failure is not a system call's.
    public var code: Int32
    public var detail: String?

    public init(operation: String, path: String, code: Int32, detail: String? = nil) {
        self.operation = operation
        self.path = path
        self.code = code
        self.detail = detail
    }

    public var description: String {
        let reason = detail ?? (code == 0 ? "failed" : String(cString: strerror(code)))
        return "cannot \(operation) '\(path)': \(reason)"
    }
}
