/// Value shapes: one string, a list of strings, numbers and times, with the errors ARC's users
/// need when a value has the wrong shape.
extension XRSLInterpreter {
    /// Records where a field was written; for single-valued attributes a second occurrence is an
    /// error (ARC keeps the last value of some and rejects others; arkd rejects all of them).
    @discardableResult
    mutating func note(_ relation: XRSLEvaluatedRelation, as field: JobField, once: Bool) -> Bool {
        if once, let first = map[field] {
            error("'\(relation.name)' is given twice (first at \(first.line):\(first.column)); it takes one value",
                  at: relation.nameOffset)
            return false
        }
        if map[field] == nil { map[field] = position(relation.nameOffset) }
        return true
    }

    /// Exactly one string value.
    mutating func single(_ relation: XRSLEvaluatedRelation, field: JobField) -> String? {
        guard note(relation, as: field, once: true) else { return nil }
        guard relation.values.count == 1, case .string(let value, _) = relation.values[0] else {
            let found = relation.values.isEmpty ? "none" : relation.values.count > 1 ? "\(relation.values.count) values" : "a sequence"
            error("'\(relation.name)' takes exactly one value, found \(found)", at: relation.nameOffset)
            return nil
        }
        return value
    }

    /// A list of plain strings (sequences are an error).
    mutating func strings(_ relation: XRSLEvaluatedRelation) -> [String] {
        var result: [String] = []
        for value in relation.values {
            switch value {
            case .string(let text, _): result.append(text)
            case .sequence(_, let offset):
                error("'\(relation.name)' takes plain values, not a parenthesised sequence", at: offset)
            }
        }
        return result
    }

    mutating func integer(_ relation: XRSLEvaluatedRelation, field: JobField) -> Int? {
        guard let text = single(relation, field: field) else { return nil }
        guard let value = StrictInteger.parse(text) else {
            error("'\(relation.name)' must be a whole number, found '\(text)'", at: relation.values[0].offset)
            return nil
        }
        return value
    }

    mutating func time(_ relation: XRSLEvaluatedRelation, field: JobField) -> Int? {
        guard let text = single(relation, field: field) else { return nil }
        return seconds(text, of: relation)
    }

    mutating func seconds(_ text: String, of relation: XRSLEvaluatedRelation) -> Int? {
        do {
            return Int(try TimePeriod.seconds(in: text, baseUnit: timeUnit))
        } catch {
            self.error("'\(relation.name)': \(error.description)", at: relation.values.first?.offset ?? relation.nameOffset)
            return nil
        }
    }

    /// A sequence of exactly `count` plain strings, for pair- and triple-shaped attributes.
    mutating func tuple(_ value: XRSLEvaluatedValue, count: Int, of relation: XRSLEvaluatedRelation, shape: String) -> [String]? {
        guard case .sequence(let items, let offset) = value else {
            error("'\(relation.name)' takes sequences \(shape), found a plain value", at: value.offset)
            return nil
        }
        var strings: [String] = []
        for item in items {
            guard case .string(let text, _) = item else {
                error("'\(relation.name)' takes sequences \(shape), found a nested sequence", at: item.offset)
                return nil
            }
            strings.append(text)
        }
        guard strings.count == count else {
            error("'\(relation.name)' takes sequences \(shape), found \(strings.count) values", at: offset)
            return nil
        }
        return strings
    }
}
