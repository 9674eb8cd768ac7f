/// Element values: text, numbers, booleans, units.
extension ADLInterpreter {
    /// The text of a value element, as written; nil (reported) when it holds elements instead.
    mutating func text(_ element: ADLElement) -> String? {
        guard element.children.isEmpty else {
            error("'\(element.name)' holds a value, not elements", at: element)
            return nil
        }
        return element.text
    }

    /// The text with XML whitespace around it removed, for numbers, booleans, enumerations and
    /// URIs.
    mutating func token(_ element: ADLElement) -> String? {
        text(element).map(Self.trimmed)
    }

    static func trimmed(_ text: String) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = text.firstIndex(where: { !isSpace($0) }),
              let last = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[first...last])
    }

    /// A whole number, strictly: an optional sign and digits (ARC refuses other text too).
    mutating func integer(_ element: ADLElement, of unit: String) -> Int? {
        guard let text = token(element) else { return nil }
        guard let value = StrictInteger.parse(text) else {
            error("'\(element.name)' must be a whole number of \(unit), found '\(text)'", at: element)
            return nil
        }
        return value
    }

    /// ADL times: whole seconds (ARC reads them with a plain integer conversion, so `PT1H` is refused).
    mutating func seconds(_ element: ADLElement) -> Int? {
        integer(element, of: "seconds")
    }

    /// A byte count turned into MiB, rounding up as ARC does (`1048577` bytes are 2 MiB). Zero and
    /// negative sizes are refused here, where the bytes are still visible (ARC wraps `-1` to 0).
    mutating func mebibytes(_ element: ADLElement) -> Int? {
        guard let bytes = integer(element, of: "bytes") else { return nil }
        guard bytes > 0 else {
            error("'\(element.name)' must be a positive number of bytes, found \(bytes)", at: element)
            return nil
        }
        let mebibyte = 1 << 20
        return bytes / mebibyte + (bytes % mebibyte == 0 ? 0 : 1)
    }

    /// `true`/`false`/`1`/`0`, as XML Schema booleans are written.
    mutating func boolean(_ element: ADLElement) -> Bool? {
        guard let text = token(element) else { return nil }
        guard let value = Self.booleanValue(text) else {
            error("'\(element.name)' must be true, false, 1 or 0, found '\(text)'", at: element)
            return nil
        }
        return value
    }

    static func booleanValue(_ text: String) -> Bool? {
        switch text {
        case "true", "1": true
        case "false", "0": false
        default: nil
        }
    }

    /// The `optional` attribute some ADL elements carry: false when absent, an error when it is
    /// not a boolean (as in ARC).
    mutating func optionalAttribute(of element: ADLElement) -> Bool {
        guard let text = element.attributes["optional"] else { return false }
        guard let value = Self.booleanValue(Self.trimmed(text)) else {
            error("attribute 'optional' of '\(element.name)' must be true, false, 1 or 0, found '\(text)'", at: element)
            return false
        }
        return value
    }

    /// A remote URL (`scheme://host/…`), reported when it is anything else.
    mutating func url(_ element: ADLElement) -> DataLocation? {
        guard let text = token(element) else { return nil }
        do {
            return try DataLocation(parsing: text)
        } catch {
            self.error("'\(element.name)': \(error.description)", at: element)
            return nil
        }
    }
}
