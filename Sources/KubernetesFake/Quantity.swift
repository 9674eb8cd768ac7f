import Foundation

/// A Kubernetes resource quantity (`100m`, `64Mi`, `1k`, `2e3`), parsed far enough to compare.
///
/// The API server refuses a malformed quantity while decoding (400, quoting its regular
/// expression) and a negative one while validating (422), and checks requests against limits;
/// the fake needs the numeric value for all three.
struct Quantity: Sendable, Comparable {
    /// The value in units of 10⁻⁹, as a Double (exact enough to compare test quantities).
    let nanos: Double

    static let formatMessage =
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"

    private static let binarySuffixes: [String: Double] = [
        "Ki": 1024, "Mi": pow(1024, 2), "Gi": pow(1024, 3), "Ti": pow(1024, 4), "Pi": pow(1024, 5), "Ei": pow(1024, 6),
    ]
    private static let decimalSuffixes: [String: Double] = [
        "": 1, "n": 1e-9, "u": 1e-6, "m": 1e-3, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18,
    ]

    init?(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        if index < scalars.count, scalars[index] == "+" || scalars[index] == "-" { index += 1 }
        let numberStart = index
        while index < scalars.count, ("0"..."9").contains(scalars[index]) || scalars[index] == "." { index += 1 }
        guard index > numberStart else { return nil }
        let number = String(String.UnicodeScalarView(scalars[0..<index]))
        let suffix = String(String.UnicodeScalarView(scalars[index...]))
        guard let base = Double(number), number.filter({ $0 == "." }).count <= 1 else { return nil }
        let multiplier: Double
        if let binary = Self.binarySuffixes[suffix] {
            multiplier = binary
        } else if let decimal = Self.decimalSuffixes[suffix] {
            multiplier = decimal
        } else if let first = suffix.first, first == "e" || first == "E", let exponent = Int(suffix.dropFirst()) {
            multiplier = pow(10, Double(exponent))
        } else {
            return nil
        }
        nanos = base * multiplier * 1e9
    }

    var isNegative: Bool { nanos < 0 }

    static func < (lhs: Quantity, rhs: Quantity) -> Bool { lhs.nanos < rhs.nanos }
}
