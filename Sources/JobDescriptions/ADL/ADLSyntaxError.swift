/// Why the bytes are not an XML document arkd will read, and where.
struct ADLSyntaxError: Error, Sendable, Hashable {
    /// Byte offset the problem is reported at.
    var offset: Int
    var message: String
}

extension ADLSyntaxError {
    /// Words for the libxml2 error codes that `XMLParser` reports on Linux without any text
    /// (`NSXMLParserErrorDomain` codes are libxml2's `xmlParserErrors`).
    static func describe(libxml2Code code: Int) -> String {
        switch code {
        case 4: "the document is empty"
        case 5: "extra content after the root element"
        case 6, 7, 8: "invalid character reference"
        case 9: "a character that XML does not allow"
        case 10...13: "character reference outside the root element"
        case 14...17: "entity reference outside the root element"
        case 22, 23: "malformed entity reference: expected &name;"
        case 24, 25, 18...21: "parameter entity reference outside a DTD"
        case 26, 27: "undeclared entity: XML knows only &lt; &gt; &amp; &apos; &quot; and character references"
        case 31, 32, 81: "unsupported or inconsistent character encoding"
        case 33, 34: "unterminated quoted value"
        case 38: "'<' inside an attribute value: write &lt;"
        case 39, 40, 41: "malformed attribute: expected name=\"value\""
        case 42: "attribute written twice in one element"
        case 43, 44: "unterminated quoted value"
        case 45: "unterminated comment"
        case 46, 47: "unterminated processing instruction"
        case 56, 57: "malformed XML declaration"
        case 61: "unterminated document type declaration"
        case 62: "']]>' outside a CDATA section"
        case 63: "unterminated CDATA section"
        case 64: "the XML declaration must come first, before anything else (even whitespace)"
        case 65: "whitespace required here"
        case 68: "expected an element or attribute name"
        case 73: "expected '>'"
        case 74: "expected '</'"
        case 75: "expected '=' after the attribute name"
        case 76: "closing tag does not match the open element"
        case 77: "unterminated start tag"
        case 80: "'--' inside a comment"
        case 85: "elements are not balanced"
        case 86: "extra content after the root element"
        case 89: "entity reference loop"
        case 96: "the XML declaration lacks its version"
        case 97: "the document exceeds the parser's size limits"
        case 200...299: "namespace error (an undeclared prefix, or a malformed qualified name)"
        default: "malformed XML (libxml2 error \(code))"
        }
    }
}
