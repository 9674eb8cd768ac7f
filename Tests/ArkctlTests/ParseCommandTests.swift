import Foundation
import Testing

@Suite("arkctl parse")
struct ParseCommandTests {
    private func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test("JSON: one object per file, in order, with the job-json fields")
    func json() throws {
        let files = try DescriptionFiles()
        let good = try files.write("good.xrsl", #"&(executable="/bin/echo")(arguments="Hello")(walltime=2)(inputfiles=("a" "http://h/a"))"#)
        let bad = try files.write("bad.xrsl", "&(executable=/bin/true)\n(count=-4)")
        let result = try ArkctlProcess.run(["parse", "--format", "json", good, bad])
        #expect(result.status == 1)
        let lines = try jsonLines(result.stdout)
        #expect(lines.count == 2)
        #expect(lines[0]["file"] as? String == good && lines[0]["status"] as? String == "ok")
        #expect(lines[0]["language"] as? String == "xrsl")
        let job = try #require((lines[0]["jobs"] as? [[String: Any]])?.first)
        #expect(job["wallTime"] as? Int == 120)
        #expect(job["arguments"] as? [String] == ["Hello"])
        #expect(job["stdin"] is NSNull)
        let input = try #require((job["inputFiles"] as? [[String: Any]])?.first)
        #expect(input["source"] as? String == "http://h/a")
        #expect(lines[1]["status"] as? String == "error")
        #expect((lines[1]["jobs"] as? [Any])?.isEmpty == true)
        let error = try #require((lines[1]["errors"] as? [[String: Any]])?.first)
        #expect(error["line"] as? Int == 2 && error["column"] as? Int == 2)
    }

    @Test("text: compiler-style findings with the source line and a caret, then a job summary")
    func text() throws {
        let files = try DescriptionFiles()
        let bad = try files.write("bad.xrsl", "&(executable=/bin/true)\n  (memory=lots)")
        let rejected = try ArkctlProcess.run(["parse", bad])
        #expect(rejected.status == 1)
        #expect(rejected.stdout.contains("\(bad):2:11: error: 'memory' must be a whole number, found 'lots'\n  (memory=lots)\n          ^\n"))
        let good = try files.write("good.xrsl", #"&(executable="/bin/echo")(arguments="Hello World")(stdout=out)(join=yes)"#)
        let accepted = try ArkctlProcess.run(["parse", good])
        #expect(accepted.status == 0)
        #expect(accepted.stdout.contains("job 1: /bin/echo \"Hello World\""))
        #expect(accepted.stdout.contains("stderr joined to stdout"))
    }

    /// A generated description is often one long line: each finding shows 72 bytes on either side
    /// of its column, marked with '…', instead of the whole line.
    @Test("text: a long line is shown as an excerpt around the column")
    func longLine() throws {
        let files = try DescriptionFiles()
        let names = (0..<500).map { "(\"f\($0)\" \"\")" }.joined()
        let line = "&(executable=/bin/true)(inputfiles=" + names + "(\"/abs\" \"\")" + names.replacingOccurrences(of: "f", with: "g") + ")"
        let file = try files.write("long.xrsl", line)
        let result = try ArkctlProcess.run(["parse", file])
        #expect(result.status == 1)
        let abs = try #require(line.range(of: #"("/abs""#))
        let column = line.utf8.distance(from: line.startIndex, to: abs.lowerBound) + 1
        let output = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let finding = try #require(output.firstIndex { $0.hasPrefix("\(file):1:\(column): error: input file '/abs' is absolute") })
        let excerpt = output[finding + 1]
        let caret = output[finding + 2]
        #expect(excerpt.hasPrefix("…") && excerpt.hasSuffix("…"))
        #expect(excerpt.utf8.count == 72 + 72 + 6)
        // The caret stands under the '(' of the finding, one column per character.
        #expect(caret == String(repeating: " ", count: 73) + "^")
        #expect(Array(excerpt)[73] == "(" && excerpt.contains(#"("/abs" "")"#))
        #expect(result.stdout.utf8.count < 1_000)
    }

    @Test("the server dialect reads bare times as seconds")
    func dialect() throws {
        let files = try DescriptionFiles()
        let file = try files.write("gm.xrsl", "&(executable=/bin/true)(walltime=90)")
        let result = try ArkctlProcess.run(["parse", "--dialect", "server", "--format", "json", file])
        let job = try #require((try jsonLines(result.stdout).first?["jobs"] as? [[String: Any]])?.first)
        #expect(job["wallTime"] as? Int == 90)
    }

    @Test("usage errors exit 2; unreadable files are rejected with a reason")
    func usage() throws {
        #expect(try ArkctlProcess.run(["parse"]).status == 2)
        #expect(try ArkctlProcess.run(["parse", "--format", "yaml", "x"]).status == 2)
        let missing = try ArkctlProcess.run(["parse", "--format", "json", "/nonexistent/job.xrsl"])
        #expect(missing.status == 1)
        #expect(missing.stdout.contains("cannot read the file"))
    }

    @Test("--allow-scheme replaces the standard list")
    func allowScheme() throws {
        let files = try DescriptionFiles()
        let file = try files.write("s.xrsl", #"&(executable=/bin/true)(inputfiles=("a" "gsiftp://h/a"))"#)
        #expect(try ArkctlProcess.run(["parse", file]).status == 0)
        let narrowed = try ArkctlProcess.run(["parse", "--allow-scheme", "https", file])
        #expect(narrowed.status == 1)
        #expect(narrowed.stdout.contains("scheme 'gsiftp' is not allowed here; allowed: https"))
    }
}
