import Foundation

/// Reads the start-time formats ARC accepts: `YYYY-MM-DD hh:mm:ss`, ISO 8601 `YYYY-MM-DDThh:mm:ss`
/// with `Z` or an offset, and MDS time `YYYYMMDDhhmmss[Z]`.
public enum GridDate {
    public struct ReadError: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    /// The instant, and whether the text named no zone (then read as UTC, where ARC would use the
    /// parsing host's zone, which differs between submitter and site).
    public static func parse(_ text: String) throws(ReadError) -> (date: Date, zoneGiven: Bool) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let bytes = Array(trimmed.utf8)
        var reader = DigitReader(bytes: bytes)
        let fields: [Int]
        if bytes.count >= 14, bytes.prefix(14).allSatisfy({ (48...57).contains($0) }) {
            fields = [reader.take(4), reader.take(2), reader.take(2), reader.take(2), reader.take(2), reader.take(2)]
        } else {
            var parsed: [Int] = []
            let separators: [Set<UInt8>] = [[45], [45], [32, 84, 116], [58], [58]]
            parsed.append(reader.take(4))
            for allowed in separators {
                guard reader.consume(oneOf: allowed) else { throw invalid(text) }
                parsed.append(reader.take(2))
            }
            fields = parsed
        }
        guard !fields.contains(-1) else { throw invalid(text) }
        var offsetSeconds = 0
        var zoneGiven = false
        if reader.atEnd {
            zoneGiven = false
        } else if reader.consume(oneOf: [90, 122]) {
            zoneGiven = true
        } else if let sign = reader.peek, sign == 43 || sign == 45 {
            reader.skip()
            let hours = reader.take(2)
            _ = reader.consume(oneOf: [58])
            let minutes = reader.take(2)
            guard hours >= 0, minutes >= 0, hours < 24, minutes < 60 else { throw invalid(text) }
            offsetSeconds = (hours * 3600 + minutes * 60) * (sign == 43 ? 1 : -1)
            zoneGiven = true
        }
        guard reader.atEnd else { throw invalid(text) }
        var components = DateComponents()
        components.year = fields[0]
        components.month = fields[1]
        components.day = fields[2]
        components.hour = fields[3]
        components.minute = fields[4]
        components.second = fields[5]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        guard (1...12).contains(fields[1]), (1...31).contains(fields[2]), fields[3] < 24, fields[4] < 60,
              fields[5] < 61, components.isValidDate(in: calendar),
              let date = calendar.date(from: components)
        else { throw invalid(text) }
        return (date.addingTimeInterval(TimeInterval(-offsetSeconds)), zoneGiven)
    }

    private static func invalid(_ text: String) -> ReadError {
        ReadError(description: """
            '\(text)' is not a date: expected YYYY-MM-DD hh:mm:ss, YYYY-MM-DDThh:mm:ssZ or YYYYMMDDhhmmssZ
            """)
    }

    private struct DigitReader {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { index >= bytes.count }
        var peek: UInt8? { atEnd ? nil : bytes[index] }

        mutating func skip() { index += 1 }

        /// The next `count` bytes as a number, or -1 when they are not all digits.
        mutating func take(_ count: Int) -> Int {
            guard index + count <= bytes.count else { index = bytes.count; return -1 }
            var value = 0
            for byte in bytes[index..<(index + count)] {
                guard (48...57).contains(byte) else { return -1 }
                value = value * 10 + Int(byte - 48)
            }
            index += count
            return value
        }

        mutating func consume(oneOf allowed: Set<UInt8>) -> Bool {
            guard let byte = peek, allowed.contains(byte) else { return false }
            index += 1
            return true
        }
    }
}
