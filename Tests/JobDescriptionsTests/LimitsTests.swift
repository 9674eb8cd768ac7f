import JobDescriptions
import Testing

@Suite("limits and hostile bytes")
struct LimitsTests {
    @Test("input larger than the limit is refused before it is read")
    func inputSize() {
        var limits = ParseLimits()
        limits.maxInputBytes = 100
        let report = analyse("&(executable=x)(arguments=" + String(repeating: "a", count: 200) + ")", limits: limits)
        #expect(report.errors.mention("at most 100"))
    }

    @Test("too many jobs, alternatives or files are refused")
    func counts() {
        var limits = ParseLimits()
        limits.maxJobs = 2
        limits.maxAlternatives = 2
        limits.maxFiles = 2
        #expect(analyse("+(executable=a)(executable=b)(executable=c)", limits: limits).errors.mention("at most 2"))
        #expect(analyse("&(executable=a)(|(queue=a)(queue=b)(queue=c)(queue=d))", limits: limits).errors.mention("more than 2 alternative"))
        #expect(analyse(#"&(executable=a)(inputfiles=("a" "") ("b" "") ("c" ""))"#, limits: limits).errors.mention("at most 2 are allowed"))
    }

    /// Each alternative holds the relations outside its branch again: `executable` (one value:
    /// 2) is in both further alternatives with their own `queue` (2 each), and `jobname` after the
    /// `|` joins both (2 each): 4 + 4 + 2 + 2 = 12.
    @Test("what the '|' alternatives repeat is counted exactly")
    func alternativeValuesBoundary() {
        let text = "&(executable=x)(|(queue=a)(queue=b)(queue=c))(jobname=n)"
        var limits = ParseLimits()
        limits.maxAlternativeValues = 12
        #expect(analyse(text, limits: limits).isAccepted)
        limits.maxAlternativeValues = 11
        let report = analyse(text, limits: limits)
        #expect(report.errors.count == 1)
        #expect(report.errors.mention("repeat more than 11 values", line: 1, column: 47))
    }

    /// 64 alternatives of a job with 2,000 input files would read the files 65 times (a 1 MiB
    /// version took seconds and about 600 MB).
    @Test("alternatives that repeat a large job are refused before they are built")
    func alternativesOfALargeJob() {
        let branches = (0..<64).map { "(jobname=a\($0))" }.joined()
        let files = (0..<2_000).map { #"("f\#($0).dat" "")"# }.joined(separator: " ")
        let report = analyse("&(executable=x)(|" + branches + ")(inputfiles=" + files + ")")
        #expect(report.jobs.isEmpty)
        #expect(report.errors.count == 1)
        #expect(report.errors.mention("repeat more than 262144 values"))
    }

    @Test("invalid UTF-8 is refused at the byte that breaks it")
    func invalidUTF8() {
        let bytes = Array(#"&(executable="/bin/true")(jobname="caf"#.utf8) + [0xE9, 0x22, 0x29]
        let report = JobDescriptionParser().analyse(bytes)
        #expect(report.errors.mention("not valid UTF-8", line: 1, column: 39))
    }

    @Test("NUL bytes are refused")
    func nul() {
        let report = JobDescriptionParser().analyse(Array("&(executable=x)".utf8) + [0] + Array("(stdout=y)".utf8))
        #expect(report.errors.mention("NUL byte", column: 16))
    }

    @Test("a UTF-8 byte-order mark is skipped with a warning")
    func byteOrderMark() {
        let report = JobDescriptionParser().analyse([0xEF, 0xBB, 0xBF] + Array(#"&(executable="/bin/true")"#.utf8))
        #expect(report.isAccepted)
        #expect(report.warnings.mention("byte-order mark"))
    }

    @Test("an empty text is an error at 1:1")
    func empty() {
        #expect(analyse("").errors.mention("empty", line: 1, column: 1))
        #expect(analyse("   \n").errors.mention("empty"))
    }

    @Test("the language is detected from the content")
    func detection() {
        #expect(DescriptionLanguage.detect(Array("  <?xml version='1.0'?><a/>".utf8)) == .adl)
        #expect(DescriptionLanguage.detect(Array("# comment\njoboption_directory='/x'\n".utf8)) == .grami)
        #expect(DescriptionLanguage.detect(Array("&(executable=x)".utf8)) == .xrsl)
        #expect(DescriptionLanguage.detect(Array("(* joboption_x *)&(executable=x)".utf8)) == .xrsl)
    }
}
