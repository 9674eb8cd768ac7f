import Foundation

/// A header value with `;`-separated parameters (`multipart/form-data; boundary=x`,
/// `form-data; name="f"; filename="a b"`), quoted strings unescaped as RFC 7230 says.
struct HeaderParameters {
    var value: String
    /// Parameter names in lower case.
    var parameters: [String: String] = [:]

    init(_ header: String) {
        var scanner = Substring(header)
        value = Self.token(&scanner).trimmingCharacters(in: .whitespaces)
        while scanner.first == ";" {
            scanner = scanner.dropFirst().drop(while: { $0 == " " || $0 == "\t" })
            guard let equals = scanner.firstIndex(of: "=") else { break }
            let name = scanner[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            scanner = scanner[scanner.index(after: equals)...]
            parameters[name] = scanner.first == "\"" ? Self.quoted(&scanner) : Self.token(&scanner)
                .trimmingCharacters(in: .whitespaces)
        }
    }

    private static func token(_ scanner: inout Substring) -> String {
        let end = scanner.firstIndex(of: ";") ?? scanner.endIndex
        defer { scanner = scanner[end...] }
        return String(scanner[..<end])
    }

    private static func quoted(_ scanner: inout Substring) -> String {
        var result = ""
        var index = scanner.index(after: scanner.startIndex)
        while index < scanner.endIndex, scanner[index] != "\"" {
            if scanner[index] == "\\", scanner.index(after: index) < scanner.endIndex { index = scanner.index(after: index) }
            result.append(scanner[index])
            index = scanner.index(after: index)
        }
        scanner = index < scanner.endIndex ? scanner[scanner.index(after: index)...] : scanner[index...]
        scanner = scanner.drop(while: { $0 != ";" })
        return result
    }
}
