import JobDescriptions
import Testing

@Suite("xRSL grammar")
struct XRSLGrammarTests {
    @Test("a conjunction of relations is one job")
    func conjunction() throws {
        let job = try acceptedJob(#"&(executable="/bin/echo")(arguments="a" "b")"#)
        #expect(job.executable == "/bin/echo")
        #expect(job.arguments == ["a", "b"])
    }

    @Test("whitespace of every kind may stand between tokens")
    func whitespace() throws {
        let job = try acceptedJob("&\t(\u{0B}executable\r\n=\u{0C} /bin/true )\n")
        #expect(job.executable == "/bin/true")
    }

    @Test("a single bare relation is a job")
    func bareRelation() throws {
        #expect(try acceptedJob("executable=/bin/true").executable == "/bin/true")
    }

    @Test("parenthesised relations without an operator are refused")
    func groupsWithoutOperator() {
        #expect(!rejection("(executable=x)(stdout=y)").isEmpty)
    }

    @Test("nested conjunctions merge")
    func nestedConjunction() throws {
        let job = try acceptedJob("&(executable=/bin/a)(&(stdout=o)(&(stderr=e)))")
        #expect(job.stdout == "o" && job.stderr == "e")
    }

    @Test("'+' gives several jobs, and its branches may be bare relations")
    func multiRequest() {
        let jobs = acceptedJobs("+(&(executable=/bin/a))(executable=/bin/b)")
        #expect(jobs.map(\.executable) == ["/bin/a", "/bin/b"])
    }

    @Test("'+' below the top level is an error with its position")
    func nestedMulti() {
        #expect(rejection("&(executable=/bin/a)(+(&(x=1)))").mention("top level", line: 1, column: 22))
    }

    @Test("'|' makes the first branch the job and the others alternatives, flattening nested '|'")
    func disjunction() throws {
        let job = try acceptedJob(#"&(executable=/bin/x)(|(|(queue=a)(|(queue=b)(queue=c)))(queue=d))(arguments=z)"#)
        #expect(job.queue == "a")
        #expect(job.alternatives.map(\.queue) == ["b", "c", "d"])
        #expect(job.alternatives.allSatisfy { $0.executable == "/bin/x" && $0.arguments == ["z"] })
    }

    @Test("all six relation operators are read")
    func operators() throws {
        for (text, relation) in [("=", RelationOperator.equal), ("!=", .notEqual), ("<", .less), ("<=", .lessOrEqual),
                                 (">", .greater), (">=", .greaterOrEqual)] {
            let job = try acceptedJob("&(executable=/bin/x)(runtimeenvironment\(text)APPS/X-1.0)")
            #expect(job.runTimeEnvironments.first?.relation == relation)
        }
    }

    @Test("'==' is a syntax error")
    func doubleEquals() {
        #expect(rejection("&(executable=/bin/true)(memory==100)").mention("'='", line: 1, column: 32))
    }

    @Test("double and single quotes escape themselves by doubling; no backslash escapes")
    func quoting() throws {
        let job = try acceptedJob(#"&(executable=/bin/x)(arguments="a""b" 'c''d' "e\f")"#)
        #expect(job.arguments == [#"a"b"#, "c'd", #"e\f"#])
    }

    @Test("caret strings end at the bare delimiter, doubled delimiter is one")
    func caretQuoting() throws {
        let job = try acceptedJob(#"&(executable=/bin/x)(arguments=^*My "good" value^* ^#a##b#)"#)
        #expect(job.arguments == [#"My "good" value^"#, "a#b"])
    }

    @Test("an unterminated caret string is an error, not a crash")
    func unterminatedCaret() {
        #expect(rejection("&(executable=/bin/true)(arguments=^#never closed)").mention("never closed", line: 1, column: 35))
    }

    @Test("an unterminated double-quoted string points at its start")
    func unterminatedQuote() {
        #expect(rejection("&(executable=\"/bin/true)\n(stdout=\"out\")").mention("never closed", line: 2, column: 13))
    }

    @Test("comments may stand wherever whitespace may, and '(*' inside a string is text")
    func comments() throws {
        let job = try acceptedJob("(* head *)&(* a *)(executable=/bin/echo)(arguments=\"(*\" (* between *) b)\n(* tail *)(stdout=out)(* end *)")
        #expect(job.arguments == ["(*", "b"])
        #expect(job.stdout == "out")
    }

    @Test("an unterminated comment is an error at its start")
    func unterminatedComment() {
        #expect(rejection("&(executable=/bin/true)\n  (* open").mention("comment", line: 2, column: 3))
    }

    @Test("a description of only comments holds no job")
    func onlyComments() {
        #expect(!rejection("(* nothing *)\n(* still nothing *)").isEmpty)
    }

    @Test("'#' concatenates, with whitespace around it")
    func explicitConcatenation() throws {
        #expect(try acceptedJob(#"&(executable=/bin/x)(arguments="a" # 'b' #c)"#).arguments == ["abc"])
    }

    @Test("adjacent terms concatenate; whitespace separates values")
    func implicitConcatenation() throws {
        let job = try acceptedJob(#"&(rsl_substitution=("A" "x"))(executable=/bin/x)(arguments=pre$(A)post "a"'b' abc"def"ghi $(A) /y)"#)
        #expect(job.arguments == ["prexpost", "ab", "abcdefghi", "x", "/y"])
    }

    @Test("variables are substituted in document order, in any value, including sequences")
    func substitution() throws {
        let job = try acceptedJob("""
            &(rsl_substitution=("TOP" "/home/u"))(rsl_substitution=("SUB" $(TOP)/sub))
             (executable=/bin/x)(inputfiles=("f" gsiftp://h$( SUB )/f))(arguments=$("TOP"))
            """)
        #expect(job.arguments == ["/home/u"])
        guard case .remote(let locations) = job.inputFiles.first?.source else {
            Issue.record("expected a remote source")
            return
        }
        #expect(locations.first?.path == "/home/u/sub/f")
    }

    @Test("a variable used before its definition is undefined")
    func useBeforeDefinition() {
        #expect(rejection(#"&(executable=/bin/$(A))(rsl_substitution=("A" "x"))"#).mention("'A' is not defined", line: 1, column: 19))
    }

    @Test("variables defined inside a group are not visible after it")
    func substitutionScope() {
        let errors = rejection(#"&(&(rsl_substitution=("A" "x"))(executable=/bin/$(A)))(arguments=$(A))"#)
        #expect(errors.count == 1)
        #expect(errors.mention("'A' is not defined", column: 66))
    }

    @Test("each '+' branch has its own variables")
    func substitutionPerJob() {
        #expect(rejection(#"+(&(rsl_substitution=("A" "x"))(executable=/bin/$(A)))(&(executable=/bin/$(A)))"#)
            .mention("'A' is not defined"))
    }

    @Test("undefined variables are errors at each use")
    func undefinedVariable() {
        let errors = rejection("&(executable=$(UNDEFINED)/run.sh)(stdout=$(X)out)")
        #expect(errors.mention("'UNDEFINED'", line: 1, column: 14))
        #expect(errors.mention("'X'", line: 1, column: 42))
    }

    @Test("doubling substitutions stop at the expansion limit")
    func substitutionGrowth() {
        var text = #"&(rsl_substitution=("A0" "0123456789012345678901234567890123456789"))"#
        for level in 1...30 {
            text += #"(rsl_substitution=("A\#(level)" $(A\#(level - 1))$(A\#(level - 1))))"#
        }
        text += "(executable=/bin/x)(arguments=$(A30))"
        #expect(rejection(text).mention("expands to more than"))
    }

    @Test("attribute names ignore case and underscores, and may be quoted")
    func attributeNames() throws {
        let job = try acceptedJob(#"&("Exe_Cut_Able"=/bin/x)(WALL_TIME=2)(RSLSubstitution=("A" "q"))(Queue=$(A))"#)
        #expect(job.executable == "/bin/x")
        #expect(job.wallTime == 120)
        #expect(job.queue == "q")
    }

    @Test("attribute names with spaces or empty names are refused")
    func badAttributeNames() {
        let errors = rejection(#"&(executable="/bin/true")("std out"="x")(""="y")"#)
        #expect(errors.mention("'std out' is not an attribute name", column: 27))
        #expect(errors.mention("empty attribute name", column: 42))
        #expect(rejection(#"&(executable="/bin/true")("jöbname"="x")"#).mention("'jöbname' is not an attribute name"))
    }

    @Test("names of letters, digits, '_' and '-' are names; unknown ones are warnings")
    func unknownAttributeNames() {
        let report = analyse(#"&(executable="/bin/true")(My-Attr_2="x")"#)
        #expect(report.isAccepted)
        #expect(report.warnings.mention("unknown attribute 'My-Attr_2'"))
    }

    @Test("unbalanced parentheses are a syntax error")
    func unbalanced() {
        #expect(!rejection("&(executable=\"/bin/true\")\n(arguments=\"a\" \"b\"\n(stdout=\"out\")\n").isEmpty)
    }

    @Test("deep nesting is refused with a clear error, not a stack overflow")
    func deepNesting() {
        let deep = "&" + String(repeating: "(|", count: 100_000) + "(executable=x)" + String(repeating: ")", count: 100_000)
        #expect(rejection(deep).mention("nesting is deeper than 64"))
        let sequences = "&(arguments=" + String(repeating: "(", count: 100_000) + ")"
        #expect(rejection(sequences).mention("nesting is deeper than 64"))
    }

    @Test("an empty value list is syntactically fine")
    func emptyValueList() throws {
        #expect(try acceptedJob("&(executable=/bin/x)(arguments=)").arguments.isEmpty)
    }

    @Test("positions are 1-based lines and byte columns")
    func positions() {
        #expect(rejection("&(executable=/bin/x)\n   (count=eight)").mention("whole number", line: 2, column: 11))
    }
}
