import Foundation

/// A Kubernetes resource quantity (`250m`, `1Gi`, `1.5`, `1e3`), read as the API server's
/// `resource.ParseQuantity` reads it: a manifest with a quantity the server refuses fails to apply
/// as a whole, and a typo such as `1GB` or `2 cpu` is only caught at `kubectl apply` otherwise.
struct Quantity: Sendable, Comparable, CustomStringConvertible {
    /// The amount in base units (cores, bytes).
    let value: Decimal
    let text: String

    /// Suffixes and the power they stand for: binary (`Ki` = 2^10) or decimal (`k` = 10^3).
    private static let suffixes: [String: (base: Int, exponent: Int)] = [
        "": (10, 0), "n": (10, -9), "u": (10, -6), "m": (10, -3), "k": (10, 3), "M": (10, 6), "G": (10, 9),
        "T": (10, 12), "P": (10, 15), "E": (10, 18),
        "Ki": (2, 10), "Mi": (2, 20), "Gi": (2, 30), "Ti": (2, 40), "Pi": (2, 50), "Ei": (2, 60),
    ]

    /// `nil` when the text is not a quantity: a signed decimal number (digits before or after the
    /// point, at least one) and then one binary or decimal suffix, or `e`/`E` and a whole exponent.
    init?(_ text: String) {
        self.text = text
        // The API server trims the JSON value before parsing it.
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        var sign = ""
        if let first = rest.first, first == "+" || first == "-" {
            sign = first == "-" ? "-" : ""
            rest = rest.dropFirst()
        }
        let whole = rest.prefix { $0.isASCII && $0.isNumber }
        rest = rest.dropFirst(whole.count)
        var fraction = Substring()
        if rest.first == "." {
            rest = rest.dropFirst()
            fraction = rest.prefix { $0.isASCII && $0.isNumber }
            rest = rest.dropFirst(fraction.count)
        }
        guard !whole.isEmpty || !fraction.isEmpty,
              let (base, exponent) = Self.power(ofSuffix: String(rest)),
              let mantissa = Decimal(string: Self.decimalText(sign: sign, whole: whole, fraction: fraction),
                                     locale: Locale(identifier: "en_US_POSIX"))
        else { return nil }
        // Decimal's exponent range (about ±127) is far beyond any real resource amount.
        guard abs(exponent) <= 100 else { return nil }
        var scale = Decimal(1)
        for _ in 0..<abs(exponent) { scale *= Decimal(base) }
        value = exponent >= 0 ? mantissa * scale : mantissa / scale
    }

    /// `-`, `.5` → `-0.5`: a form `Decimal(string:)` reads whatever digits were left out.
    private static func decimalText(sign: String, whole: Substring, fraction: Substring) -> String {
        sign + (whole.isEmpty ? "0" : String(whole)) + "." + (fraction.isEmpty ? "0" : String(fraction))
    }

    /// The base and exponent a suffix multiplies by; `nil` for an unknown suffix.
    private static func power(ofSuffix suffix: String) -> (base: Int, exponent: Int)? {
        if let power = suffixes[suffix] { return power }
        guard let marker = suffix.first, marker == "e" || marker == "E" else { return nil }
        let digits = suffix.dropFirst()
        let unsigned = digits.first == "+" || digits.first == "-" ? digits.dropFirst() : digits
        guard !unsigned.isEmpty, unsigned.allSatisfy({ $0.isASCII && $0.isNumber }), let exponent = Int(digits) else {
            return nil
        }
        return (10, exponent)
    }

    static func < (lhs: Quantity, rhs: Quantity) -> Bool { lhs.value < rhs.value }
    static func == (lhs: Quantity, rhs: Quantity) -> Bool { lhs.value == rhs.value }

    var description: String { text }
}
