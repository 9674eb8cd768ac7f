/// The xRSL syntax tree, before variables are substituted.
///
/// The tree is one flat array in document order, each node followed by its descendants, so that
/// reading a description costs a few arrays instead of a `String` and an array per value. Offsets
/// are byte offsets into the text; text ranges index `bytes`.
struct XRSLSyntaxTree: Sendable {
    var nodes: [XRSLNode]
    /// The description's bytes, followed by the text of quoted strings that had doubled delimiters
    /// (with one delimiter for each pair).
    var bytes: [UInt8]
}

struct XRSLNode: Sendable {
    enum Kind: UInt8, Sendable {
        /// `&`: all of the child requests.
        case conjunction
        /// `|`: alternatives.
        case disjunction
        /// `+`: several jobs.
        case multi
        /// `name op values`: `text` is the name, `offset` where it starts; the children are values.
        case relation
        /// `( value … )`: the children are values.
        case sequence
        /// Terms joined by juxtaposition or `#`: the children are literals and variables.
        case concatenation
        /// A value that is a single literal (the common case): `text`.
        case string
        /// A literal term: `text`.
        case literal
        /// `$(NAME)`: `text` is the name, `offset` the `$`.
        case variable
    }

    var kind: Kind
    var relation: RelationOperator
    var offset: Int
    var text: Range<Int>
    /// The index just after this node's descendants: its next sibling, if it has one.
    var next: Int
}
