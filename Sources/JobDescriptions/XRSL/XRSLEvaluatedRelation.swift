/// An xRSL description after variables are substituted and concatenations joined: only plain
/// strings and sequences remain. Relations and values are kept in flat arrays and refer to their
/// text by byte range, so that alternatives share them instead of copying them.
struct XRSLDocument: Sendable {
    /// The description's bytes, then unescaped and substituted text.
    var bytes: [UInt8]
    var relations: [XRSLEvaluatedRelation]
    /// Every relation's values, in document order, each sequence followed by its items.
    var values: [XRSLEvaluatedValue]
    /// The whole description is ASCII without CR (see `PlainText`), so every text in it is.
    var isPlain: Bool
}

struct XRSLEvaluatedRelation: Sendable {
    /// The name as written (`bytes` range) and where it starts.
    var name: Range<Int>
    var nameOffset: Int
    var relation: RelationOperator
    var attribute: XRSLAttribute
    /// The indices of the values in `XRSLDocument.values`; the top-level ones are found by
    /// following `next`.
    var values: Range<Int>
    /// How many top-level values.
    var valueCount: Int
}

struct XRSLEvaluatedValue: Sendable {
    var isSequence: Bool
    var offset: Int
    /// A string's text; empty for a sequence.
    var text: Range<Int>
    /// The index just after this value and its items.
    var next: Int
    /// A sequence's items (top-level ones).
    var count: Int
}

/// One job's relations (indices into `XRSLDocument.relations`) in document order: the main
/// branch and each `|` alternative, with what they cost to read (a relation counts one plus its
/// values) so that the parser can bound what the alternatives repeat before it builds them.
struct XRSLJobText: Sendable {
    var main: [Int]
    var alternatives: [[Int]] = []
    var mainCost = 0
    /// All alternatives together.
    var alternativesCost = 0

    init() {
        main = []
        main.reserveCapacity(16)
    }

    mutating func append(_ relation: Int, cost: Int) {
        main.append(relation)
        mainCost += cost
        alternativesCost += alternatives.count * cost
        for index in alternatives.indices { alternatives[index].append(relation) }
    }
}
