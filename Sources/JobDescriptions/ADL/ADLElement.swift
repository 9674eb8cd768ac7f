/// One element of an ADL document: just what the interpreter needs, with the place of its start
/// tag so that every finding can point at it.
struct ADLElement: Sendable, Hashable {
    /// Namespace URI; empty when the element has none.
    var namespace: String
    var name: String
    /// `adl:Name`, `nordugrid:Name`, or `{namespace}Name` for anything else, for dispatching on
    /// the namespace and the name together (made once, when the element is read).
    let key: String
    var attributes: [String: String]
    /// Character data directly inside this element (entities resolved, CDATA included).
    var text: String
    var children: [ADLElement]
    /// Byte offset of the `<` of the start tag.
    var offset: Int
    /// Line and column of the `<` of the start tag.
    var position: SourcePosition

    init(namespace: String, name: String, attributes: [String: String] = [:], text: String = "",
         children: [ADLElement] = [], offset: Int, position: SourcePosition) {
        self.namespace = namespace
        self.name = name
        key = switch namespace {
        case ADLNamespace.adl: "adl:" + name
        case ADLNamespace.nordugrid: "nordugrid:" + name
        default: "{" + namespace + "}" + name
        }
        self.attributes = attributes
        self.text = text
        self.children = children
        self.offset = offset
        self.position = position
    }

    /// The element's own character data followed by that of its descendants (for elements such as
    /// `AccessControl` whose content is free-form).
    var textContent: String {
        children.isEmpty ? text : text + children.map(\.textContent).joined()
    }

    /// True when the element holds only whitespace as direct character data.
    var hasOnlyWhitespaceText: Bool {
        text.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }
}
