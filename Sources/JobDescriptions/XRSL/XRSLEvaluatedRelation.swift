/// An xRSL relation after variables are substituted and concatenations joined: only plain strings
/// and sequences remain.
struct XRSLEvaluatedRelation: Sendable {
    /// Lower-cased with underscores removed, as ARC compares attribute names.
    var key: String
    var name: String
    var nameOffset: Int
    var relation: RelationOperator
    var values: [XRSLEvaluatedValue]
}

indirect enum XRSLEvaluatedValue: Sendable {
    case string(String, offset: Int)
    case sequence([XRSLEvaluatedValue], offset: Int)

    var offset: Int {
        switch self {
        case .string(_, let offset), .sequence(_, let offset): offset
        }
    }
}

/// One job's relations in document order: the main branch and each `|` alternative.
struct XRSLJobText: Sendable {
    var main: [XRSLEvaluatedRelation] = []
    var alternatives: [[XRSLEvaluatedRelation]] = []

    mutating func append(_ relation: XRSLEvaluatedRelation) {
        main.append(relation)
        for index in alternatives.indices { alternatives[index].append(relation) }
    }
}
