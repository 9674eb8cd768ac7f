/// Reads ARC's time strings (`Arc::Period`) into seconds, strictly.
///
/// ARC accepts ISO 8601 durations (`PT1H30M`) and free text scanned by the first letter of each unit
/// word (`"2 days, 12 hours"`, `"1h30"`, `"90"`). Where ARC silently turns unreadable text into
/// 0 seconds (`"1:30:00"`, `"1.5 hours"`) or overflows, this refuses with a reason.
public enum TimePeriod {
    /// The unit a number without any unit is read in.
    public enum BaseUnit: Sendable {
        case seconds
        case minutes

        var seconds: Int64 { self == .seconds ? 1 : 60 }
    }

    public struct ReadError: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    public static func seconds(in text: String, baseUnit: BaseUnit) throws(ReadError) -> Int64 {
        let result: Result<Int64, ReadError> = PlainText.withBytes(text) { bytes in
            Result { () throws(ReadError) in try seconds(in: bytes, 0..<bytes.count, baseUnit: baseUnit) }
        }
        return try result.get()
    }

    /// `seconds(in:baseUnit:)` of the UTF-8 text `bytes[range]`.
    static func seconds(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, baseUnit: BaseUnit) throws(ReadError) -> Int64 {
        let text = Text(bytes: bytes, range: range)
        var first = range.lowerBound
        while first < range.upperBound, isSpace(bytes[first]) { first += 1 }
        guard first < range.upperBound else {
            throw ReadError(description: "the time is empty")
        }
        if bytes[first] == UInt8(ascii: "P") || bytes[first] == UInt8(ascii: "p") {
            return try iso8601((first + 1)..<range.upperBound, text: text)
        }
        return try free(first..<range.upperBound, text: text, baseUnit: baseUnit)
    }

    /// The text being read, turned into a `String` only for a message.
    private struct Text: CustomStringConvertible {
        let bytes: UnsafeBufferPointer<UInt8>
        let range: Range<Int>

        subscript(index: Int) -> UInt8 { bytes[index] }

        var description: String { PlainText.string(bytes, range) }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func lowercase(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }

    /// Seconds per unit letter, in the order ARC steps down for a trailing unit-less number.
    private static let unitLadder: [(letter: UInt8, seconds: Int64)] = [
        (UInt8(ascii: "w"), 604_800), (UInt8(ascii: "d"), 86_400), (UInt8(ascii: "h"), 3_600),
        (UInt8(ascii: "m"), 60), (UInt8(ascii: "s"), 1),
    ]

    private static func free(_ bytes: Range<Int>, text: Text, baseUnit: BaseUnit) throws(ReadError) -> Int64 {
        var total: Int64 = 0
        var pending: Int64?
        var lastUnit: Int?
        var index = bytes.lowerBound
        while index < bytes.upperBound {
            let byte = text[index]
            if isDigit(byte) {
                guard pending == nil else {
                    throw ReadError(description: "'\(text)' has a number without a unit in the middle")
                }
                var value: Int64 = 0
                while index < bytes.upperBound, isDigit(text[index]) {
                    value = try checked(value, times: 10, plus: Int64(text[index] - UInt8(ascii: "0")), text: text)
                    index += 1
                }
                pending = value
                continue
            }
            if isSpace(byte) || byte == UInt8(ascii: ",") {
                index += 1
                continue
            }
            let letter = lowercase(byte)
            guard let rung = unitLadder.firstIndex(where: { $0.letter == letter }) else {
                throw ReadError(description: """
                    '\(text)' is not a time: expected numbers with units w, d, h, m, s \
                    (e.g. "1h30", "2 days") or an ISO 8601 duration (e.g. "PT90M")
                    """)
            }
            guard let value = pending else {
                throw ReadError(description: "'\(text)' has a unit without a number before it")
            }
            total = try checked(total, plus: value, times: unitLadder[rung].seconds, text: text)
            pending = nil
            lastUnit = rung
            index += 1
            while index < bytes.upperBound, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(lowercase(text[index])) {
                index += 1
            }
        }
        if let value = pending {
            let unit: Int64
            if let lastUnit {
                unit = unitLadder[min(lastUnit + 1, unitLadder.count - 1)].seconds
            } else {
                unit = baseUnit.seconds
            }
            total = try checked(total, plus: value, times: unit, text: text)
        }
        return total
    }

    private static func iso8601(_ bytes: Range<Int>, text: Text) throws(ReadError) -> Int64 {
        var total: Int64 = 0
        var inTime = false
        var pending: Int64?
        var sawComponent = false
        for index in bytes {
            let byte = text[index]
            if isDigit(byte) {
                pending = try checked(pending ?? 0, times: 10, plus: Int64(byte - UInt8(ascii: "0")), text: text)
                continue
            }
            let letter = lowercase(byte)
            if letter == UInt8(ascii: "t"), pending == nil, !inTime {
                inTime = true
                continue
            }
            let unit: Int64
            switch (letter, inTime) {
            case (UInt8(ascii: "y"), false): unit = 365 * 86_400
            case (UInt8(ascii: "m"), false): unit = 30 * 86_400
            case (UInt8(ascii: "w"), false): unit = 604_800
            case (UInt8(ascii: "d"), false): unit = 86_400
            case (UInt8(ascii: "h"), true): unit = 3_600
            case (UInt8(ascii: "m"), true): unit = 60
            case (UInt8(ascii: "s"), true): unit = 1
            default:
                throw ReadError(description: "'\(text)' is not an ISO 8601 duration (e.g. P1D, PT1H30M)")
            }
            guard let value = pending else {
                throw ReadError(description: "'\(text)' has a duration unit without a number")
            }
            total = try checked(total, plus: value, times: unit, text: text)
            pending = nil
            sawComponent = true
        }
        guard pending == nil, sawComponent else {
            throw ReadError(description: "'\(text)' is not an ISO 8601 duration (e.g. P1D, PT1H30M)")
        }
        return total
    }

    private static func checked(_ base: Int64, times factor: Int64, plus addend: Int64, text: Text) throws(ReadError) -> Int64 {
        let (product, productOverflow) = base.multipliedReportingOverflow(by: factor)
        let (sum, sumOverflow) = product.addingReportingOverflow(addend)
        guard !productOverflow, !sumOverflow else { throw overflow(text) }
        return sum
    }

    private static func checked(_ total: Int64, plus value: Int64, times unit: Int64, text: Text) throws(ReadError) -> Int64 {
        let (product, productOverflow) = value.multipliedReportingOverflow(by: unit)
        let (sum, sumOverflow) = total.addingReportingOverflow(product)
        guard !productOverflow, !sumOverflow else { throw overflow(text) }
        return sum
    }

    private static func overflow(_ text: Text) -> ReadError {
        ReadError(description: "'\(text)' is too long a time to count in seconds")
    }
}
