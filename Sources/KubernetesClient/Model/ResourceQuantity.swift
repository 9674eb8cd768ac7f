import Foundation

/// A Kubernetes resource quantity (`500m`, `2`, `1.5Gi`, `8e3`) as a number of base units, for
/// adding up what nodes offer and pods request.
public enum ResourceQuantity {
    /// Suffix, multiplier, divisor (dividing keeps `3800m` exactly 3.8).
    private static let suffixes: [(String, Double, Double)] = [
        ("Ki", 1024, 1), ("Mi", 1_048_576, 1), ("Gi", 1_073_741_824, 1), ("Ti", 1_099_511_627_776, 1),
        ("Pi", 1_125_899_906_842_624, 1), ("Ei", 1_152_921_504_606_846_976, 1),
        ("n", 1, 1e9), ("u", 1, 1e6), ("m", 1, 1e3), ("k", 1e3, 1), ("M", 1e6, 1), ("G", 1e9, 1), ("T", 1e12, 1),
        ("P", 1e15, 1), ("E", 1e18, 1),
    ]

    /// The value in base units (cores for cpu, bytes for memory), or nil when `text` is not a
    /// quantity.
    public static func value(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for (suffix, multiplier, divisor) in suffixes where trimmed.hasSuffix(suffix) {
            guard let number = Double(trimmed.dropLast(suffix.count)), number.isFinite, number >= 0 else { return nil }
            return number * multiplier / divisor
        }
        guard let number = Double(trimmed), number.isFinite, number >= 0 else { return nil }
        return number
    }
}
