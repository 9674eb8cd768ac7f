/// A duration as an operator writes it: seconds as a number, or a number with a unit
/// (`90s`, `30m`, `2h`, `1d`).
struct ConfigurationDuration: Decodable, Hashable {
    let value: Duration

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let seconds = try? container.decode(Int.self) {
            guard seconds >= 0 else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "a duration must not be negative")
            }
            value = .seconds(seconds)
            return
        }
        let text = try container.decode(String.self)
        guard let parsed = Self.parse(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a duration: expected seconds, or a number with s, m, h or d")
        }
        value = parsed
    }

    static func parse(_ text: String) -> Duration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let unit = trimmed.last else { return nil }
        let multipliers: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        if let multiplier = multipliers[unit], let number = Int(trimmed.dropLast()), number >= 0,
           number <= Int.max / multiplier {
            return .seconds(number * multiplier)
        }
        return Int(trimmed).flatMap { $0 >= 0 ? .seconds($0) : nil }
    }
}
