import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads ADL bytes into an `ADLElement` tree with `XMLParser` (libxml2 on Linux), refusing DTDs
/// before the parser runs and stopping at the first XML error with its position.
///
/// `XMLParser` on Linux reports errors by code only and sometimes not at all (a document cut off
/// inside its root element parses "successfully"), so the builder checks completeness itself.
final class ADLDocumentBuilder: NSObject, XMLParserDelegate {
    private let source: SourceText
    private let startTags: [Int]
    private let maxDepth: Int
    private var nextStartTag = 0
    private var stack: [ADLElement] = []
    private var root: ADLElement?
    private var failure: ADLSyntaxError?

    private init(source: SourceText, startTags: [Int], maxDepth: Int) {
        self.source = source
        self.startTags = startTags
        self.maxDepth = maxDepth
    }

    /// The document's root element with everything inside it.
    static func build(_ source: SourceText, limits: ParseLimits) throws(ADLSyntaxError) -> ADLElement {
        let scan = try ADLMarkupScanner.scan(source.bytes)
        let builder = ADLDocumentBuilder(source: source, startTags: scan.startTags, maxDepth: limits.maxNestingDepth)
        let parser = XMLParser(data: Data(source.bytes))
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        let finished = parser.parse()
        parser.delegate = nil
        if let failure = builder.failure { throw failure }
        if !finished {
            throw builder.error(at: parser, code: (parser.parserError as NSError?)?.code ?? 1)
        }
        if let open = builder.stack.last {
            throw ADLSyntaxError(offset: source.bytes.count,
                                 message: "malformed XML: the document ends before element '\(open.name)' (line \(open.position.line)) is closed")
        }
        guard let root = builder.root else {
            if let first = scan.startTags.first {
                throw ADLSyntaxError(offset: first, message: "malformed XML: the document ends inside its first element")
            }
            throw ADLSyntaxError(offset: 0, message: "no XML element found: an ADL description is an ActivityDescription element")
        }
        return root
    }

    // MARK: XMLParserDelegate

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        guard failure == nil else { return }
        let offset: Int
        if nextStartTag < startTags.count {
            offset = startTags[nextStartTag]
        } else {
            offset = Self.offset(line: parser.lineNumber, column: parser.columnNumber, in: source.bytes)
        }
        nextStartTag += 1
        guard stack.count < maxDepth else {
            fail(ADLSyntaxError(offset: offset, message: "elements are nested deeper than \(maxDepth) levels"), parser)
            return
        }
        guard root == nil || !stack.isEmpty else {
            fail(ADLSyntaxError(offset: offset, message: "extra content after the root element"), parser)
            return
        }
        stack.append(ADLElement(namespace: namespaceURI ?? "", name: elementName, attributes: attributeDict,
                                offset: offset, position: source.position(of: offset)))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        guard failure == nil, let element = stack.popLast() else { return }
        if stack.isEmpty {
            root = element
        } else {
            stack[stack.count - 1].children.append(element)
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard failure == nil, !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard failure == nil, !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        guard failure == nil else { return }
        fail(error(at: parser, code: (parseError as NSError).code), parser)
    }

    func parser(_ parser: XMLParser, validationErrorOccurred validationError: any Error) {
        guard failure == nil else { return }
        fail(error(at: parser, code: (validationError as NSError).code), parser)
    }

    // MARK: Errors

    private func fail(_ error: ADLSyntaxError, _ parser: XMLParser) {
        failure = error
        parser.abortParsing()
    }

    /// The parser's error at the parser's position, in words that use what the builder knows
    /// about the open elements.
    private func error(at parser: XMLParser, code: Int) -> ADLSyntaxError {
        var offset = Self.offset(line: parser.lineNumber, column: parser.columnNumber, in: source.bytes)
        var message = "malformed XML: " + ADLSyntaxError.describe(libxml2Code: code)
        if let open = stack.last {
            switch code {
            case 76:
                message = "malformed XML: closing tag does not match the open element '\(open.name)' (line \(open.position.line))"
                offset = Self.closingTag(before: offset, in: source.bytes) ?? offset
            case 5, 77, 85:
                if offset >= source.bytes.count - 1 {
                    message = "malformed XML: the document ends before element '\(open.name)' (line \(open.position.line)) is closed"
                }
            default:
                break
            }
        }
        return ADLSyntaxError(offset: offset, message: message)
    }

    /// The `</` of the closing tag libxml2 has just read, when it is on the same line.
    private static func closingTag(before offset: Int, in bytes: [UInt8]) -> Int? {
        var index = min(offset, bytes.count) - 1
        while index > 0, bytes[index] != UInt8(ascii: "\n") {
            if bytes[index - 1] == UInt8(ascii: "<"), bytes[index] == UInt8(ascii: "/") { return index - 1 }
            index -= 1
        }
        return nil
    }

    /// The byte offset of libxml2's 1-based line and column; the column counts characters, not
    /// bytes. Positions past the end of a line or of the text are clamped.
    static func offset(line: Int, column: Int, in bytes: [UInt8]) -> Int {
        var offset = 0
        var currentLine = 1
        while currentLine < line, let newline = bytes[offset...].firstIndex(of: UInt8(ascii: "\n")) {
            offset = newline + 1
            currentLine += 1
        }
        var remaining = max(column, 1) - 1
        while remaining > 0, offset < bytes.count, bytes[offset] != UInt8(ascii: "\n") {
            offset += 1
            while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            remaining -= 1
        }
        return min(offset, bytes.count)
    }
}
