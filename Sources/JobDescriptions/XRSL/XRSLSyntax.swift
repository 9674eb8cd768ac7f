/// The xRSL syntax tree, before variables are substituted. Offsets are byte offsets into the text.
indirect enum XRSLRequest: Sendable {
    case operation(XRSLOperator, [XRSLRequest], offset: Int)
    case relation(XRSLRelation)
}

enum XRSLOperator: Sendable {
    /// `&`: all of these.
    case conjunction
    /// `|`: alternatives.
    case disjunction
    /// `+`: several jobs.
    case multi
}

struct XRSLRelation: Sendable {
    var name: String
    var nameOffset: Int
    var relation: RelationOperator
    var values: [XRSLValue]
}

indirect enum XRSLValue: Sendable {
    case sequence([XRSLValue], offset: Int)
    case concatenation([XRSLTerm], offset: Int)
}

enum XRSLTerm: Sendable {
    case literal(String)
    case variable(String, offset: Int)
}
