import Testing
@testable import JobDescriptions

/// The byte-level fast paths behind the xRSL reader: each must give what the `String` code it
/// replaces gives (for plain text), and text that is not plain must take the `String` code.
@Suite("fast paths")
struct FastPathTests {
    // MARK: Attribute keys

    static let keys: [(String, XRSLAttribute)] = [
        ("executable", .executable), ("arguments", .arguments), ("stdin", .stdin), ("stdout", .stdout),
        ("stderr", .stderr), ("gmlog", .gmlog), ("jobname", .jobname), ("architecture", .architecture), ("acl", .acl),
        ("credentialserver", .credentialserver), ("jobreport", .jobreport), ("delegationid", .delegationid),
        ("count", .count), ("memory", .memory), ("disk", .disk), ("rerun", .rerun), ("priority", .priority),
        ("walltime", .walltime), ("cputime", .cputime), ("lifetime", .lifetime), ("starttime", .starttime),
        ("exclusiveexecution", .exclusiveexecution), ("dryrun", .dryrun), ("queue", .queue),
        ("environment", .environment), ("runtimeenvironment", .runtimeenvironment), ("middleware", .middleware),
        ("opsys", .opsys), ("nodeaccess", .nodeaccess), ("notify", .notify), ("benchmarks", .benchmarks),
        ("inputfiles", .inputfiles), ("outputfiles", .outputfiles), ("executables", .executables),
        ("countpernode", .countpernode), ("cache", .cache), ("ftpthreads", .ftpthreads), ("join", .join),
        ("gridtime", .gridtime), ("action", .action), ("savestate", .savestate), ("hostname", .hostname),
        ("jobid", .jobid), ("clientxrsl", .clientxrsl), ("clientsoftware", .clientsoftware), ("cluster", .cluster),
        ("replicacollection", .replicacollection), ("rslsubstitution", .rslsubstitution),
        ("resourcemanagercontact", .globus), ("directory", .globus), ("maxcputime", .globus),
        ("maxwalltime", .globus), ("maxtime", .globus), ("maxmemory", .globus), ("minmemory", .globus),
        ("grammyjob", .globus), ("project", .globus), ("hostcount", .globus), ("label", .globus),
        ("subjobcommstype", .globus), ("subjobstarttype", .globus), ("filecleanup", .globus),
        ("filestagein", .globus), ("filestageinshared", .globus), ("filestageout", .globus),
        ("gasscache", .globus), ("jobtype", .globus), ("librarypath", .globus), ("remoteiourl", .globus),
        ("scratchdir", .globus),
    ]

    /// The attribute of `name`, read at the end of a buffer (the byte-by-byte path) and with
    /// bytes after it (the eight-at-a-time path).
    static func attribute(_ name: String) -> (atEnd: XRSLAttribute, padded: XRSLAttribute) {
        let bytes = Array(name.utf8)
        let atEnd = bytes.withUnsafeBufferPointer { XRSLAttribute.named($0, 0..<bytes.count) }
        let padded = (bytes + Array(repeating: UInt8(ascii: "="), count: 24)).withUnsafeBufferPointer {
            XRSLAttribute.named($0, 0..<bytes.count)
        }
        return (atEnd, padded)
    }

    @Test("every key names its attribute in any case, with or without underscores")
    func attributeKeys() {
        for (key, attribute) in Self.keys {
            let underscored = key.enumerated().map { $0.offset % 3 == 1 ? "_\($0.element)" : String($0.element) }.joined()
            for spelling in [key, key.uppercased(), key.prefix(1).uppercased() + key.dropFirst(), underscored, "_" + key + "__"] {
                let found = Self.attribute(spelling)
                #expect(found.atEnd == attribute, "\(spelling)")
                #expect(found.padded == attribute, "\(spelling)")
            }
            #expect(Self.attribute(key + "x").atEnd == .unknown)
            let shorter = String(key.dropLast())
            if !Self.keys.contains(where: { $0.0 == shorter }) { #expect(Self.attribute(shorter).padded == .unknown) }
        }
    }

    @Test("unknown, long, empty and non-ASCII names")
    func otherNames() {
        for name in ["", "x", "a-b", "executable1", "abcdefghijklmnopqrstuvwxyz", "executa ble", "é", "exécutable",
                     String(repeating: "executable", count: 3)] {
            let found = Self.attribute(name)
            #expect(found.atEnd == .unknown, "\(name)")
            #expect(found.padded == .unknown, "\(name)")
        }
        #expect(Self.attribute("RSL_Substitution").padded == .rslsubstitution)
        #expect(Self.attribute("r_s_l_s_u_b_s_t_i_t_u_t_i_o_n").atEnd == .rslsubstitution)
    }

    // MARK: Plain text

    @Test("plain text is ASCII without CR")
    func plain() {
        #expect(PlainText.isPlain(""))
        #expect(PlainText.isPlain("gsiftp://host/a long path with spaces\tand tabs\n"))
        #expect(!PlainText.isPlain("a\r\nb"))
        #expect(!PlainText.isPlain("exactly eight\r"))
        #expect(!PlainText.isPlain("é"))
        #expect(!PlainText.isPlain("0123456789abcdef\u{301}"))
    }

    @Test("integers are read as Int(_:) reads them")
    func integers() {
        for text in ["0", "5", "+5", "-5", "007", "", "+", "-", "1 2", "12a", "9223372036854775807",
                     "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "99999999999999999999"] {
            let bytes = Array(text.utf8)
            let value = bytes.withUnsafeBufferPointer { PlainText.integer($0, 0..<bytes.count) }
            #expect(value == Int(text), "\(text)")
        }
    }

    @Test("strict integers trim spaces and tabs only, as for ASCII")
    func strictIntegers() {
        for text in [" 7 ", "\t3\t", "08", "1000MB", "lots", "", "  ", "+5", "12345678901234567890", "123456789012345678901"] {
            let bytes = Array(text.utf8)
            let fast = bytes.withUnsafeBufferPointer { StrictInteger.parsePlain($0, 0..<bytes.count) }
            #expect(fast == StrictInteger.parse(text), "\(text)")
        }
        #expect(StrictInteger.parse("\u{A0}7") == 7)
    }

    @Test("schemes are lower-cased, common ones as literals")
    func schemes() {
        for scheme in ["gsiftp", "GSIFTP", "https", "Http", "srm", "root", "xroot", "ftp", "davs", "dav", "lfc", "RLS", "rucio",
                       "httpg", "s3+https", "x-y.z", "a", "averyveryverylongscheme"] {
            let bytes = Array(scheme.utf8)
            #expect(bytes.withUnsafeBufferPointer { PlainText.schemeString($0, 0..<bytes.count) } == scheme.lowercased())
        }
    }

    @Test("equal bytes hash equally")
    func hashes() {
        let names = ["", "a", "abcdefgh", "abcdefghi", "events-1.tar.gz", "calib/run443742-3.db"]
        for name in names {
            let copy = String(decoding: Array(name.utf8), as: UTF8.self)
            #expect(PlainText.withBytes(name) { PlainText.hash($0) } == PlainText.withBytes(copy) { PlainText.hash($0) })
        }
        #expect(Set(names.map { name in PlainText.withBytes(name) { PlainText.hash($0) } }).count == names.count)
    }

    @Test("a name's summary is isPlain, hash and the slash-or-NUL search in one pass")
    func summaries() {
        var texts = ["", "a", "abcdefgh", "abcdefghi", "events-1.tar.gz", "calib/run443742-3.db", "a\r\nb", "é", "x\u{0}y"]
        for length in 0..<20 {
            for special in ["/", "\u{0}", "\r", "é"] {
                texts.append(String(repeating: "n", count: length) + special + String(repeating: "m", count: length / 2))
            }
        }
        for text in texts {
            let (summary, plain, hash, slashOrNUL) = PlainText.withBytes(text) { bytes in
                (PlainText.summary(bytes), PlainText.isPlain(bytes), PlainText.hash(bytes),
                 PlainText.contains(UInt8(ascii: "/"), or: 0, in: bytes))
            }
            #expect(summary.isPlain == plain && summary.hash == hash && summary.hasSlashOrNUL == slashOrNUL, "\(text.debugDescription)")
        }
    }

    @Test("recent strings give the strings of their bytes, shared when repeated")
    func recentStrings() {
        let words = ["dcache.ndgf.example.org", "short", "eos.cern.example.ch", "se01.grid.example.org",
                     "storage.hpc2n.example.se", "dcache.ndgf.example.org", "a-sixteen-bytes!", "eos.cern.example.ch",
                     "download.nordugrid.example.org", "dcache.ndgf.example.org", "dcache.ndgf.example.orh"]
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        for word in words {
            ranges.append(bytes.count..<(bytes.count + word.utf8.count))
            bytes += Array(word.utf8) + [UInt8(ascii: " ")]
        }
        var recent = RecentStrings()
        bytes.withUnsafeBufferPointer { buffer in
            for (word, range) in zip(words, ranges) { #expect(recent.string(buffer, range) == word) }
        }
    }

    @Test("input names are found by their first file, among few files and many")
    func inputNameIndex() {
        for count in [3, 16, 17, 40] {
            var files = (0..<count).map { InputFile(name: "file-\($0 % 7)", source: .submitter(path: "")) }
            files.append(InputFile(name: "K", source: .submitter(path: "")))
            let index = InputNameIndex(files)
            for name in ["file-0", "file-3", "file-6", "K", "\u{212A}", "missing"] {
                #expect(index.firstIndex(of: name, in: files) == files.firstIndex { $0.name == name }, "\(count) \(name)")
            }
        }
    }

    @Test("a checksum option with ':' becomes the file's checksum, in plain text and not")
    func checksums() throws {
        let job = try acceptedJob("""
            &(executable=run)(inputfiles=("a" "https://h.org/a" "checksum=md5:ab")("b" "https://h.org/b" "checksum=adler32")
            ("c" "https://h.org/c" "checksum=md5:é"))
            """)
        #expect(job.inputFiles.map(\.checksum) == ["md5:ab", nil, "md5:é"])
        guard case .remote(let locations) = job.inputFiles[1].source else {
            Issue.record("b is not remote")
            return
        }
        #expect(locations.first?.options["checksum"] == "adler32")
    }

    @Test("the source's flags match a byte-by-byte look")
    func sourceFlags() {
        var texts: [[UInt8]] = [[], Array("&(executable=a)".utf8)]
        for length in [1, 7, 8, 9, 31, 32, 33, 64, 70] {
            for special: UInt8 in [0, 0x0D, 0xC3, 0x41] {
                for position in Set([0, length / 2, length - 1]) {
                    var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: length)
                    bytes[position] = special
                    texts.append(bytes)
                }
            }
        }
        for bytes in texts {
            let source = SourceText(bytes)
            #expect(source.firstNUL == bytes.firstIndex(of: 0), "\(bytes)")
            #expect(source.isASCII == bytes.allSatisfy { $0 < 0x80 }, "\(bytes)")
            #expect(source.isPlain == bytes.allSatisfy { $0 < 0x80 && $0 != 0x0D }, "\(bytes)")
        }
    }

    // MARK: Source map and lines

    @Test("source maps record fields in any order and compare by their positions")
    func sourceMaps() {
        var inOrder = SourceMap()
        var outOfOrder = SourceMap()
        let positions = (0..<5).map { SourcePosition(line: $0 + 1, column: 2 * $0 + 1) }
        for (index, position) in positions.enumerated() { inOrder[.inputFile(index)] = position }
        for (index, position) in positions.enumerated().reversed() { outOfOrder[.inputFile(index)] = position }
        #expect(inOrder == outOfOrder)
        #expect(inOrder.hashValue == outOfOrder.hashValue)
        #expect(outOfOrder[.inputFile(3)] == positions[3])
        #expect(outOfOrder[.inputFile(7)] == nil)
        outOfOrder[.inputFile(-1)] = .start
        #expect(outOfOrder[.inputFile(-1)] == .start)
        #expect(outOfOrder != inOrder)
        outOfOrder[.inputFile(-1)] = nil
        #expect(outOfOrder == inOrder)
        inOrder[.executable] = positions[0]
        #expect(inOrder[.executable] == positions[0] && inOrder[.stdout] == nil)
        #expect(inOrder.position(of: .stdout) == .start)
        inOrder[.executable] = nil
        #expect(inOrder == outOfOrder)
        for field in [JobField.action, .cache, .executable, .notify] { #expect(JobField.withSlot(field.slot) == field) }
    }

    @Test("offsets in a source map become positions when read")
    func offsets() {
        let source = SourceText(Array("&(executable=a)\r\n  (stdout=b)\n(stderr=c)".utf8))
        var map = SourceMap(source: source)
        map.set(.stdout, offset: 20)
        map.set(.inputFile(0), offset: 0)
        map.set(.inputFile(2), offset: 33)
        #expect(map.contains(.stdout) && !map.contains(.stderr))
        #expect(map[.stdout] == SourcePosition(line: 2, column: 4))
        #expect(map[.inputFile(0)] == SourcePosition(line: 1, column: 1))
        #expect(map[.inputFile(2)] == SourcePosition(line: 3, column: 4))
        #expect(map[.inputFile(1)] == nil)
    }

    @Test("positions and lines match a line-by-line count")
    func lines() {
        let texts = ["", "a", "\n", "a\nb", "a\r\nbc\r\n", "0123456789\n0123456789abcdef\n\n\nx", String(repeating: "ab\n", count: 40)]
        for text in texts {
            let bytes = Array(text.utf8)
            let source = SourceText(bytes)
            var line = 1
            var column = 1
            for offset in 0...bytes.count {
                #expect(source.position(of: offset) == SourcePosition(line: line, column: column), "\(text.debugDescription) \(offset)")
                if offset < bytes.count, bytes[offset] == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            }
            // Split by bytes: "\r\n" is one Character.
            let expected = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
                String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
            }
            for (index, content) in expected.enumerated() { #expect(source.line(index + 1) == content) }
            #expect(source.line(expected.count + 1) == nil && source.line(0) == nil)
        }
    }

    // MARK: Session paths

    @Test("session paths: problems and normal forms")
    func sessionPaths() {
        let cases: [(String, String?, String)] = [
            ("a", nil, "a"), ("dir/b", nil, "dir/b"), ("./c", nil, "c"), ("../d", "leaves the session directory through '..'", "d"),
            ("a/../b", nil, "b"), ("a/./b", nil, "a/b"), ("/abs", "is absolute: names are relative to the session directory", "abs"),
            ("/", "names the session directory itself", ""), (".", "names the session directory itself", ""),
            ("..", "leaves the session directory through '..'", ""), ("x/", nil, "x"), ("a//b", nil, "a/b"),
            ("dir/../../x", "leaves the session directory through '..'", "x"), ("...", nil, "..."), ("a\u{0}b", "contains a NUL byte", "a\u{0}b"),
            ("a/b/c/../../..", "names the session directory itself", ""), ("0123456789abcdef/../x", nil, "x"),
        ]
        for (name, problem, normalized) in cases {
            #expect(SessionPath.problem(with: name) == problem, "\(name)")
            #expect(SessionPath.normalized(name) == normalized, "\(name)")
            let inspected = SessionPath.inspectInputName(name)
            #expect(inspected.problem == problem && inspected.normalized == normalized, "\(name)")
            #expect(inspected.plainHash == PlainText.withBytes(normalized) { PlainText.hash($0) })
        }
        #expect(SessionPath.problem(with: "/", allowWholeDirectory: true) == nil)
        #expect(SessionPath.problem(with: "") == "is empty")
        // Not plain: grapheme clusters, as String reads them.
        #expect(SessionPath.problem(with: "/\u{301}x") == nil)
        #expect(SessionPath.normalized("./\u{301}") == "./\u{301}") // "/\u{301}" is one Character, not a separator
        #expect(SessionPath.inspectInputName("é/../x").plainHash == nil)
    }

    @Test("duplicate input names are found among few and many, as strings compare")
    func duplicates() {
        for count in [3, 20] {
            var names = (0..<count).map { "file-\($0).dat" }
            names.append("K.txt")
            names.append("\u{212A}.txt") // KELVIN SIGN: canonically equivalent to "K.txt"
            names.append("./file-1.dat")
            var description = "&(executable=run)(inputfiles="
            for name in names { description += "(\"\(name)\" \"\")" }
            description += ")"
            let errors = analyse(description).errors
            #expect(errors.mention("input file '\u{212A}.txt' is listed twice"), "\(count)")
            #expect(errors.mention("input file './file-1.dat' is listed twice"), "\(count)")
            #expect(errors.count == 2, "\(count): \(errors)")
        }
    }

    // MARK: Evaluation

    @Test("many variables: look-ups, shadowing and scopes past the index threshold")
    func manyVariables() throws {
        var description = "&(executable=run)(rsl_substitution="
        for index in 0..<40 { description += "(\"V\(index)\" \"value\(index)\")" }
        description += ")(&(rsl_substitution=(\"V3\" \"inner\"))(stdin=$(V3)))(stdout=$(V3))(stderr=$(V39)#$(V0))"
        description += "(arguments=$(V\(20)) $(V1))"
        let job = try acceptedJob(description)
        #expect(job.stdin == "inner")
        #expect(job.stdout == "value3")
        #expect(job.stderr == "value39value0")
        #expect(job.arguments == ["value20", "value1"])
    }

    @Test("canonically equivalent variable names are one variable")
    func equivalentNames() throws {
        let job = try acceptedJob("&(executable=run)(rsl_substitution=(\"\u{E9}\" \"x\"))(stdout=$(\"e\u{301}\"))")
        #expect(job.stdout == "x")
    }

    @Test("a syntax error after evaluation problems is the only finding; too many jobs come before limits")
    func precedence() {
        let syntax = analyse("&(executable=$(UNDEFINED))(stdout=x")
        #expect(syntax.errors.count == 1 && syntax.errors.mention("never closed"))
        var limits = ParseLimits()
        limits.maxJobs = 1
        limits.maxExpandedBytes = 4
        let jobs = analyse("+(&(rsl_substitution=(A \"abcdef\"))(executable=$(A)))(executable=b)", limits: limits)
        #expect(jobs.errors.count == 1 && jobs.errors.mention("holds 2 jobs"))
        let expanded = analyse("&(rsl_substitution=(A \"abcdef\"))(executable=$(A))(stdout=$(B))", limits: limits)
        #expect(expanded.errors.count == 1 && expanded.errors.mention("expands to more than 4 bytes"))
    }

    @Test("a string closed by a byte of a multi-byte delimiter is repaired as String(decoding:) repairs it")
    func splitCharacters() throws {
        let job = try acceptedJob("&(executable=run)(jobname=^\u{E9}ab\u{E9}x)")
        #expect(job.jobName == "\u{FFFD}ab\u{FFFD}x")
    }
}
