import Foundation

/// Timestamps, UIDs and container IDs in the formats the API server and kubelet write.
enum KubeTime {
    /// RFC 3339 with seconds, as in `creationTimestamp`.
    static func format(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }

    /// RFC 3339 with nanoseconds, as in log lines with `timestamps=true`.
    static func formatNanos(_ date: Date) -> String {
        let seconds = format(date).dropLast()
        let nanos = Int((date.timeIntervalSince1970.truncatingRemainder(dividingBy: 1)) * 1e9)
        return seconds + "." + String(format: "%09d", max(0, nanos)) + "Z"
    }

    static var now: String { format(Date()) }

    static func uid() -> String { UUID().uuidString.lowercased() }

    static func hex64() -> String {
        (0..<4).map { _ in String(format: "%016llx", UInt64.random(in: .min ... .max)) }.joined()
    }
}
