/// The rules the API server applies to `metadata.name`, which the OpenAPI schema does not carry:
/// a name it refuses fails the whole apply, and a Service name must also be a DNS label because it
/// becomes one (`arkd.arkd.svc`).
enum ObjectName {
    /// Why `name` is not a valid name for an object of `kind`, or `nil` when it is.
    static func problem(_ name: String, kind: String) -> String? {
        switch kind {
        case "Service":
            isDNS1035Label(name) ? nil : "a Service name must be a DNS-1035 label "
                + "(at most 63 lower-case letters, digits and '-', starting with a letter, "
                + "ending with a letter or digit)"
        case "Namespace":
            isDNS1123Label(name) ? nil : "a Namespace name must be a DNS-1123 label "
                + "(at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit)"
        default:
            isDNS1123Subdomain(name) ? nil : "the name must be a DNS-1123 subdomain "
                + "(at most 253 characters: DNS-1123 labels separated by '.')"
        }
    }

    /// Lower-case letters, digits and '-', at most 63, starting and ending with a letter or digit.
    static func isDNS1123Label(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (1...63).contains(bytes.count), let first = bytes.first, let last = bytes.last,
              isLowerAlphanumeric(first), isLowerAlphanumeric(last) else { return false }
        return bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    /// DNS-1123 labels joined by '.', at most 253 characters.
    static func isDNS1123Subdomain(_ name: String) -> Bool {
        guard (1...253).contains(name.utf8.count) else { return false }
        return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isDNS1123Label(String($0)) }
    }

    /// A DNS-1123 label that starts with a letter.
    static func isDNS1035Label(_ name: String) -> Bool {
        guard isDNS1123Label(name), let first = name.utf8.first else { return false }
        return (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first)
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
