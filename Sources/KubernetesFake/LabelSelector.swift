/// A parsed `labelSelector` (`=`, `==`, `!=`, `in`, `notin`, `key`, `!key`), with the API server's
/// parse errors, so that a client's selector is filtered (or refused) exactly as a cluster would.
struct LabelSelector: Sendable {
    enum Requirement: Sendable {
        case equals(String, String)
        case notEquals(String, String)
        case isIn(String, Set<String>)
        case notIn(String, Set<String>)
        case exists(String)
        case doesNotExist(String)

        func matches(_ labels: [String: String]) -> Bool {
            switch self {
            case .equals(let key, let value): labels[key] == value
            case .notEquals(let key, let value): labels[key] != value
            case .isIn(let key, let values): labels[key].map(values.contains) ?? false
            case .notIn(let key, let values): labels[key].map { !values.contains($0) } ?? true
            case .exists(let key): labels[key] != nil
            case .doesNotExist(let key): labels[key] == nil
            }
        }
    }

    let requirements: [Requirement]
    var isEmpty: Bool { requirements.isEmpty }

    func matches(_ object: JSON) -> Bool {
        let labels = (object.value(at: "metadata", "labels")?.object ?? [:]).compactMapValues(\.string)
        return requirements.allSatisfy { $0.matches(labels) }
    }

    private enum Token: Equatable {
        case identifier(String)
        case open, close, comma, equals, doubleEquals, notEquals, bang, inKeyword, notInKeyword, end

        var literal: String {
            switch self {
            case .identifier(let text): text
            case .open: "("
            case .close: ")"
            case .comma: ","
            case .equals: "="
            case .doubleEquals: "=="
            case .notEquals: "!="
            case .bang: "!"
            case .inKeyword: "in"
            case .notInKeyword: "notin"
            case .end: ""
            }
        }
    }

    /// Parses a selector; throws a 400 BadRequest carrying the API server's message.
    init(parsing text: String) throws(StatusError) {
        let tokens = Self.tokenize(text)
        var position = 0
        func peek() -> Token { tokens[position] }
        func next() -> Token {
            let token = tokens[position]
            if position < tokens.count - 1 { position += 1 }
            return token
        }
        func fail(_ message: String) -> StatusError { .badRequest("unable to parse requirement: \(message)") }
        func identifier(_ token: Token) throws(StatusError) -> String {
            guard case .identifier(let key) = token else {
                throw fail("found '\(token.literal)', expected: identifier")
            }
            return key
        }
        var requirements: [Requirement] = []
        if tokens != [.end] {
            while true {
                let first = next()
                let requirement: Requirement
                if first == .bang {
                    requirement = .doesNotExist(try identifier(next()))
                } else {
                    let key = try identifier(first)
                    switch peek() {
                    case .end, .comma:
                        requirement = .exists(key)
                    case .equals, .doubleEquals, .notEquals:
                        let op = next()
                        var value = ""
                        switch peek() {
                        case .identifier(let text):
                            value = text
                            _ = next()
                        case .end, .comma: break
                        default: throw fail("found '\(peek().literal)', expected: identifier for value")
                        }
                        requirement = op == .notEquals ? .notEquals(key, value) : .equals(key, value)
                    case .inKeyword, .notInKeyword:
                        let op = next()
                        guard next() == .open else { throw fail("found '\(tokens[position].literal)', expected: '('") }
                        var values = Set<String>()
                        loop: while true {
                            switch next() {
                            case .identifier(let value):
                                values.insert(value)
                                switch next() {
                                case .comma: continue loop
                                case .close: break loop
                                case let other: throw fail("found '\(other.literal)', expected: ',' or ')'")
                                }
                            case .close: break loop
                            case .comma: values.insert("")
                            case let other: throw fail("found '\(other.literal)', expected: ',' or ')'")
                            }
                        }
                        requirement = op == .inKeyword ? .isIn(key, values) : .notIn(key, values)
                    case let other:
                        throw fail("found '\(other.literal)', expected: !=, =, ==, in, notin")
                    }
                }
                requirements.append(requirement)
                switch next() {
                case .end: break
                case .comma: continue
                case let other: throw .badRequest("found '\(other.literal)', expected: ',' or 'end of string'")
                }
                break
            }
        }
        self.requirements = requirements
        for requirement in requirements {
            try Self.validate(requirement)
        }
    }

    private static func validate(_ requirement: Requirement) throws(StatusError) {
        let key: String
        var values: [String] = []
        switch requirement {
        case .equals(let name, let value), .notEquals(let name, let value): key = name; values = [value]
        case .isIn(let name, let set), .notIn(let name, let set): key = name; values = Array(set)
        case .exists(let name), .doesNotExist(let name): key = name
        }
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        let name = String(parts.last ?? "")
        let prefixOK = parts.count == 1 || (parts.count == 2 && PodValidation.isSubdomain(String(parts[0])))
        if !prefixOK || name.isEmpty || name.utf8.count > 63 || !PodValidation.isLabelValue(name) {
            throw .badRequest("unable to parse requirement: invalid label key \"\(key)\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character")
        }
        for value in values where value.utf8.count > 63 || !PodValidation.isLabelValue(value) {
            throw .badRequest("unable to parse requirement: invalid label value: \"\(value)\": at key: \"\(key)\": \(PodValidation.labelValueMessage)")
        }
    }

    private static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var scalars = Substring(text).unicodeScalars[...]
        while let scalar = scalars.first {
            switch scalar {
            case " ", "\t", "\n", "\r": scalars.removeFirst()
            case "(": tokens.append(.open); scalars.removeFirst()
            case ")": tokens.append(.close); scalars.removeFirst()
            case ",": tokens.append(.comma); scalars.removeFirst()
            case "=":
                scalars.removeFirst()
                if scalars.first == "=" { scalars.removeFirst(); tokens.append(.doubleEquals) } else { tokens.append(.equals) }
            case "!":
                scalars.removeFirst()
                if scalars.first == "=" { scalars.removeFirst(); tokens.append(.notEquals) } else { tokens.append(.bang) }
            default:
                var word = String.UnicodeScalarView()
                while let next = scalars.first, !" \t\n\r(),=!".unicodeScalars.contains(next) {
                    word.append(next)
                    scalars.removeFirst()
                }
                let text = String(word)
                tokens.append(text == "in" ? .inKeyword : text == "notin" ? .notInKeyword : .identifier(text))
            }
        }
        tokens.append(.end)
        return tokens
    }
}
