import JobDescriptions
import Testing

@Suite("time strings")
struct TimePeriodTests {
    @Test("free-form strings with units, as ARC reads them", arguments: [
        ("60", 3600), ("600s", 600), ("1 hours", 3600), ("5 minutes", 300), ("10 mins", 600), ("2 days", 172_800),
        ("1h30", 5400), ("1d 2", 93_600), ("2 days, 12 hours", 216_000), ("1 week", 604_800), ("3 months", 180),
        ("45S", 45), ("PT1H30M", 5400), ("P1D", 86_400), ("P1Y", 31_536_000), ("P1M", 2_592_000), ("P1W", 604_800),
        ("PT45S", 45),
    ])
    func readsTimes(text: String, seconds: Int64) throws {
        #expect(try TimePeriod.seconds(in: text, baseUnit: .minutes) == seconds)
    }

    @Test("bare numbers take the base unit")
    func baseUnit() throws {
        #expect(try TimePeriod.seconds(in: "90", baseUnit: .seconds) == 90)
        #expect(try TimePeriod.seconds(in: "90", baseUnit: .minutes) == 5400)
    }

    @Test("text ARC silently reads as 0 is refused", arguments: ["1:30:00", "1.5 hours", "3 years", "%d", "", "hours", "P", "PT1H30", "P1H", "1 2"])
    func refusesUnreadable(text: String) {
        #expect(throws: TimePeriod.ReadError.self) { try TimePeriod.seconds(in: text, baseUnit: .minutes) }
    }

    @Test("overflow is refused, never wrapped", arguments: ["9223372036854775807", "99999999999999999999", "P999999999999999Y"])
    func refusesOverflow(text: String) {
        #expect(throws: TimePeriod.ReadError.self) { try TimePeriod.seconds(in: text, baseUnit: .minutes) }
    }

    @Test("unreadable times are errors in descriptions")
    func inDescriptions() {
        #expect(rejection("&(executable=run.sh)(CPUTime=%d)").mention("'CPUTime'", line: 1, column: 30))
        #expect(rejection("&(executable=x)(walltime=0)").mention("walltime must be a positive number of seconds"))
    }
}
