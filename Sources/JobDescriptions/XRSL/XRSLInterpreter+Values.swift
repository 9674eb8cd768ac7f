/// Value shapes: one string, a list of strings, numbers and times, with the errors ARC's users
/// need when a value has the wrong shape.
extension XRSLInterpreter {
    /// Records where a field was written; for single-valued attributes a second occurrence is an
    /// error (ARC keeps the last value of some and rejects others; arkd rejects all of them).
    @discardableResult
    mutating func note(_ relation: XRSLEvaluatedRelation, as field: JobField, once: Bool) -> Bool {
        if map.contains(field) {
            if once {
                let first = map.position(of: field)
                error("'\(name(relation))' is given twice (first at \(first.line):\(first.column)); it takes one value",
                      at: relation.nameOffset)
                return false
            }
            return true
        }
        map.set(field, offset: relation.nameOffset)
        return true
    }

    /// The text of exactly one string value.
    mutating func single(_ relation: XRSLEvaluatedRelation, field: JobField) -> Range<Int>? {
        guard note(relation, as: field, once: true) else { return nil }
        guard relation.valueCount == 1, !values[relation.values.lowerBound].isSequence else {
            let count = relation.valueCount
            let found = count == 0 ? "none" : count > 1 ? "\(count) values" : "a sequence"
            error("'\(name(relation))' takes exactly one value, found \(found)", at: relation.nameOffset)
            return nil
        }
        return values[relation.values.lowerBound].text
    }

    /// Exactly one string value.
    mutating func singleString(_ relation: XRSLEvaluatedRelation, field: JobField) -> String? {
        single(relation, field: field).map(string)
    }

    /// The single string value of a relation read after the whole job, with its offset.
    func onlyString(_ relation: XRSLEvaluatedRelation) -> (text: Range<Int>, offset: Int)? {
        guard relation.valueCount == 1 else { return nil }
        let value = values[relation.values.lowerBound]
        return value.isSequence ? nil : (value.text, value.offset)
    }

    /// A list of plain strings (sequences are an error).
    mutating func strings(_ relation: XRSLEvaluatedRelation) -> [String] {
        var result: [String] = []
        result.reserveCapacity(relation.valueCount)
        var index = relation.values.lowerBound
        while index < relation.values.upperBound {
            let value = values[index]
            if value.isSequence {
                error("'\(name(relation))' takes plain values, not a parenthesised sequence", at: value.offset)
            } else {
                result.append(string(value.text))
            }
            index = value.next
        }
        return result
    }

    /// `StrictInteger.parse` of a text.
    func strictInteger(_ range: Range<Int>) -> Int? {
        isPlain(range) ? StrictInteger.parsePlain(bytes, range) : StrictInteger.parse(string(range))
    }

    mutating func integer(_ relation: XRSLEvaluatedRelation, field: JobField) -> Int? {
        guard let text = single(relation, field: field) else { return nil }
        guard let value = strictInteger(text) else {
            error("'\(name(relation))' must be a whole number, found '\(string(text))'", at: values[relation.values.lowerBound].offset)
            return nil
        }
        return value
    }

    mutating func time(_ relation: XRSLEvaluatedRelation, field: JobField) -> Int? {
        guard let text = single(relation, field: field) else { return nil }
        return seconds(text, of: relation)
    }

    mutating func seconds(_ text: Range<Int>, of relation: XRSLEvaluatedRelation) -> Int? {
        do {
            return Int(try TimePeriod.seconds(in: bytes, text, baseUnit: timeUnit))
        } catch {
            let offset = relation.valueCount > 0 ? values[relation.values.lowerBound].offset : relation.nameOffset
            self.error("'\(name(relation))': \(error.description)", at: offset)
            return nil
        }
    }

    /// A sequence of exactly `count` plain strings, for pair- and triple-shaped attributes: the
    /// sequence's index, its items following it.
    mutating func tuple(_ index: Int, count: Int, of relation: XRSLEvaluatedRelation, shape: String) -> Int? {
        let value = values[index]
        guard value.isSequence else {
            error("'\(name(relation))' takes sequences \(shape), found a plain value", at: value.offset)
            return nil
        }
        var item = index + 1
        while item < value.next {
            guard !values[item].isSequence else {
                error("'\(name(relation))' takes sequences \(shape), found a nested sequence", at: values[item].offset)
                return nil
            }
            item += 1
        }
        guard value.count == count else {
            error("'\(name(relation))' takes sequences \(shape), found \(value.count) values", at: value.offset)
            return nil
        }
        return index
    }
}
