@testable import JobDescriptions
import Testing

/// Inputs that made the parser hang or exhaust memory (see Fuzz/README.md), each with the result it
/// must still give. The descriptions are written as the code that builds them, because they are
/// tens of kilobytes of one repeated piece. In a debug build each took 7 s to over 2 minutes
/// before its fix and at most a few seconds after it; speed itself is the benchmarks' business, so
/// these tests check the results only.
@Suite("fuzzing regressions")
struct FuzzRegressionTests {
    /// 64 alternatives each repeat the main job's 4,000 warnings; dropping the repeats searched
    /// the whole list for each of them (XRSLReader), about 10^9 comparisons.
    @Test("alternatives' repeated reader findings are dropped in linear time")
    func alternativeReaderFindings() throws {
        let text = "&(executable=/bin/true)(|" + String(repeating: "(b=)", count: 64) + ")"
            + String(repeating: "(a=)", count: 4_000)
        let report = analyse(text)
        #expect(report.isAccepted)
        let job = try #require(report.jobs.first?.job)
        #expect(job.alternatives.count == 63)
        // One warning for each relation as written: 64 'b' and 4,000 'a', none repeated.
        #expect(report.warnings.count == 4_064)
        #expect(Set(report.diagnostics).count == report.diagnostics.count)
        #expect(report.warnings.last?.message == "unknown attribute 'a' ignored")
    }

    /// The same for validation findings (JobDescriptionParser.analyse): 3,000 absolute input
    /// names in each of 64 alternatives. The standard budget for what alternatives repeat now
    /// refuses this before validation (see `LimitsTests`); a site may raise it, so the
    /// deduplication still has to be linear.
    @Test("alternatives' repeated validation findings are dropped in linear time")
    func alternativeValidationFindings() {
        let files = (0..<3_000).map { #"("/f\#($0)" "")"# }.joined(separator: " ")
        let text = "&(executable=/bin/true)(|" + String(repeating: "(b=)", count: 64) + ")(inputfiles=" + files + ")"
        #expect(analyse(text).errors.mention("'|' alternatives repeat more than"))
        var limits = ParseLimits()
        limits.maxAlternativeValues = 1 << 20
        let report = analyse(text, limits: limits)
        #expect(report.errors.count == 3_000)
        #expect(report.errors.allSatisfy { $0.message.contains("is absolute") })
        #expect(report.warnings.count == 64)
    }

    /// Thousands of `|` branches after thousands of relations: every alternative copied the
    /// relations before the `|` and only then was the count checked (about 3 GB for 60 KB).
    @Test("too many '|' alternatives are refused before they are built")
    func alternativesCountedFirst() {
        let text = "&" + String(repeating: "(x=)", count: 6_000) + "(|" + String(repeating: "(b=)", count: 9_000) + ")"
        let report = analyse(text)
        #expect(report.errors.count == 1)
        #expect(report.errors.mention("'|' gives more than 64 alternative jobs", line: 1, column: 24_003))
    }

    /// Counting first gives the same verdicts as building first: exactly `maxAlternatives` is
    /// allowed, whether the alternatives come from one `|`, from an earlier `|`, or from `|`
    /// inside a branch.
    @Test("the alternatives limit counts as before")
    func alternativesLimitBoundary() {
        func disjunction(_ branch: String, _ count: Int) -> String {
            "(|" + String(repeating: branch, count: count) + ")"
        }
        let job = "&(executable=/bin/true)"
        #expect(analyse(job + disjunction("(queue=q)", 65)).isAccepted)
        #expect(analyse(job + disjunction("(queue=q)", 66)).errors.mention("more than 64 alternative"))
        // Further branches of a later '|' add to the alternatives already there: 32 + 32.
        #expect(analyse(job + disjunction("(cputime=1)", 33) + disjunction("(memory=1)", 33)).isAccepted)
        #expect(analyse(job + disjunction("(cputime=1)", 33) + disjunction("(memory=1)", 34))
            .errors.mention("more than 64 alternative"))
        // A branch with its own '|' brings its alternatives along: 32 + 31, then 33 + 32.
        #expect(analyse(job + disjunction("(&(|(cputime=1)(cputime=2)))", 32)).isAccepted)
        #expect(analyse(job + disjunction("(&(|(cputime=1)(cputime=2)))", 33)).errors.mention("more than 64 alternative"))
    }

    /// 100,000 names in `executables`, each looked up by searching 10,000 input files.
    @Test("executables are matched to input files in linear time")
    func executablesLookup() throws {
        let files = (0..<10_000).map { #"("f\#($0)" "")"# }.joined(separator: " ")
        let text = "&(executable=f9999)(inputfiles=" + files + ")(executables="
            + String(repeating: "f9999 ", count: 100_000) + "f0)(executables=f5000)"
        let report = analyse(text)
        #expect(report.isAccepted)
        let job = try #require(report.jobs.first?.job)
        #expect(job.inputFiles.indices.filter { job.inputFiles[$0].executable } == [0, 5_000, 9_999])
    }

    /// A name listed twice in `inputfiles` is marked executable on its first entry, as before
    /// (read without validation, which would refuse the repeated name).
    @Test("executables marks the first input file of a name")
    func executablesFirstMatch() throws {
        let text = #"&(executable=/bin/true)(inputfiles=("a" "") ("b" "") ("a" ""))(executables=a c)"#
        let result = XRSLReader.read(SourceText(Array(text.utf8)), dialect: .user, limits: .standard)
        let job = try #require(result.jobs.first?.job)
        #expect(job.inputFiles.map(\.executable) == [true, false, false])
        #expect(result.diagnostics.map(\.message) == ["'executables' names 'c', which is not in 'inputfiles'"])
    }

    /// libxml2 crashed (SIGSEGV in xmlParseChunk) on a document declaring UTF-7; arkd reads ADL as
    /// UTF-8 and now refuses any other declared encoding before the XML parser sees it.
    @Test("an ADL document declaring a non-UTF-8 encoding is refused before parsing")
    func adlForeignEncoding() {
        let text = #"<?xml version="1.0" encoding="UTF-7"?><ActivityDescription xmlns="http://www.eu-emi.eu/es/2010/12/adl"/>"#
        let report = analyse(text)
        #expect(report.errors.mention("names encoding 'UTF-7'", line: 1, column: 1))
        let unclosed = #"<?xml version="1.0" encoding="UTF-7"?"# + String(repeating: "x", count: 20) + #"><ActivityDescriptions/>"#
        #expect(ADLReader.read(SourceText(Array(unclosed.utf8)), limits: .standard).diagnostics.mention("names encoding 'UTF-7'"))
        #expect(analyse(#"<?xml version="1.0" encoding="us-ascii"?><ActivityDescription xmlns="http://www.eu-emi.eu/es/2010/12/adl"><Application><Executable><Path>/bin/true</Path></Executable></Application></ActivityDescription>"#).isAccepted)
    }

    /// FoundationXML's parser dereferenced NULL (strlen) on a processing instruction without data.
    @Test("processing instructions other than the XML declaration are refused before parsing")
    func adlProcessingInstruction() {
        let text = #"<?xml version="1.0"?> <?processing?> <ActivityDescription xmlns="http://www.eu-emi.eu/es/2010/12/adl"/>"#
        #expect(analyse(text).errors.mention("processing instructions are not allowed", line: 1, column: 23))
        #expect(!analyse(#"<ActivityDescription xmlns="http://www.eu-emi.eu/es/2010/12/adl"><?x?></ActivityDescription>"#).isAccepted)
    }

    /// Leading NUL bytes made libxml2 switch to UCS-4 and crash; the ADL reader refuses NUL bytes
    /// and invalid UTF-8 itself, whoever calls it.
    @Test("the ADL reader refuses NUL bytes and invalid UTF-8 before the XML parser sees them")
    func adlNulBytes() {
        let bytes: [UInt8] = [0, 0, 0, 0x3C, 0x3E, 0x0A] + Array("ActivityDescription".utf8)
        #expect(ADLReader.read(SourceText(bytes), limits: .standard).diagnostics.mention("NUL byte", line: 1, column: 1))
        let latin1: [UInt8] = Array("<a>".utf8) + [0xE9] + Array("</a>".utf8)
        #expect(ADLReader.read(SourceText(latin1), limits: .standard).diagnostics.mention("not valid UTF-8", line: 1, column: 4))
    }
}
