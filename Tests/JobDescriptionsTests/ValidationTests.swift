import JobDescriptions
import Testing

@Suite("validation")
struct ValidationTests {
    @Test("counts, memory and disk must be positive", arguments: ["count=-4", "count=0", "memory=-100", "disk=0", "countpernode=-2"])
    func positiveQuantities(relation: String) {
        let extra = relation.hasPrefix("countpernode") ? "(count=4)" : ""
        #expect(rejection("&(executable=/bin/true)\(extra)(\(relation))").mention("must be a positive number"))
    }

    @Test("names must stay inside the session directory")
    func confinedNames() {
        let errors = rejection(#"""
            &(executable=../../bin/sh)(stdin=/etc/passwd)(stdout=a/../../b)(stderr=.)(gmlog=/log)
             (inputfiles=("../../etc/x" "") ("sub/../../escape" ""))
             (outputfiles=("../../../root/.ssh/authorized_keys" "") ("/etc/passwd" "http://example.org/up") ("@../list" ""))
            """#)
        for name in ["executable '../../bin/sh'", "stdin '/etc/passwd'", "stdout 'a/../../b'", "stderr '.'", "gmlog '/log'",
                     "input file '../../etc/x'", "input file 'sub/../../escape'", "output file '../../../root/.ssh/authorized_keys'",
                     "output file '/etc/passwd'", "output file '../list'"] {
            #expect(errors.mention(name), "\(name)")
        }
    }

    @Test("absolute executables, '$' executables, '/' and directories as outputs are fine")
    func allowedNames() throws {
        _ = try acceptedJob(#"&(executable=/bin/sh)(outputfiles=("/" "") ("dir/" "") ("a/./b" ""))"#)
        _ = try acceptedJob(#"&(executable="$HOME/run")"#)
    }

    @Test("two inputs with one name are an error naming the first")
    func duplicateInputs() {
        let errors = rejection(#"&(executable="/bin/true")(inputfiles=("a" "http://example.org/a"))(inputfiles=("a" "http://example.org/evil") ("./a" ""))"#)
        #expect(errors.mention("input file 'a' is listed twice (first at 1:38)", column: 79))
        #expect(errors.mention("input file './a' is listed twice"))
    }

    @Test("URL schemes outside the allow-list are refused")
    func schemes() {
        let report = analyse(#"&(executable=x)(inputfiles=("a" "gopher://example.org/x") ("b" "https://h/b"))"#)
        #expect(report.errors.mention("scheme 'gopher' is not allowed"))
        #expect(report.errors.count == 1)
        let narrow = analyse(#"&(executable=x)(inputfiles=("b" "gsiftp://h/b"))"#,
                             policy: ValidationPolicy(allowedSchemes: ["http", "https"]))
        #expect(narrow.errors.mention("'gsiftp' is not allowed here; allowed: http, https"))
    }

    @Test("credentials inside URLs are refused")
    func credentials() {
        #expect(rejection(#"&(executable=x)(inputfiles=("e" "ftp://user:pass@example.org/f"))"#).mention("credentials"))
        #expect(rejection(#"&(executable=x)(outputfiles=("e" "https://user@example.org/f"))"#).mention("credentials"))
    }

    @Test("URLs without a host are refused")
    func emptyHost() {
        #expect(rejection(#"&(executable=x)(inputfiles=("e" "gsiftp:///f"))"#).mention("names no host"))
    }

    @Test("a GRAMI's own session directory must lie below a configured session root")
    func sessionRoots() {
        let policy = ValidationPolicy(allowedSchemes: ["http"], allowedSessionRoots: ["/var/spool/arc/sessiondir"])
        func errors(_ directory: String, _ policy: ValidationPolicy = policy) -> [Diagnostic] {
            analyse("joboption_arg_0=/bin/true\njoboption_directory='\(directory)'\n", policy: policy).errors
        }
        #expect(errors("/var/spool/arc/sessiondir/KKMNDm").isEmpty)
        #expect(errors("/etc").mention("session directory '/etc' is not below a configured session root "
                                       + "(allowed: /var/spool/arc/sessiondir)", line: 2, column: 1))
        #expect(errors("/var/spool/arc/sessiondir").mention("is not below a configured session root"))
        #expect(errors("/var/spool/arc/sessiondirX/job").mention("is not below a configured session root"))
        #expect(errors("/var/spool/arc/sessiondir/../../../etc").mention("without '.', '..' or empty components"))
        #expect(errors("relative/dir").mention("must be an absolute path"))
        #expect(errors("/srv/x", ValidationPolicy(allowedSchemes: [], allowedSessionRoots: []))
            .mention("this site accepts none"))
        #expect(errors("/anywhere", ValidationPolicy(allowedSchemes: [])).isEmpty)
    }

    @Test("priority and rerun ranges")
    func ranges() {
        #expect(rejection("&(executable=x)(priority=-1)").mention("priority must be from 0 to 100"))
        #expect(rejection("&(executable=x)(rerun=-1)").mention("rerun must not be negative"))
    }

    @Test("attributes that mean nothing on Kubernetes are warnings")
    func unusedOnKubernetes() {
        let report = analyse(#"&(executable=x)(opsys=Debian)(nodeaccess=outbound)(notify="a@b.org")(acl="<x/>")(jobreport=https://h/)(count=4)(countpernode=2)"#)
        #expect(report.isAccepted)
        for text in ["'opsys'", "'nodeaccess'", "'notify'", "'acl'", "'jobreport'", "several nodes"] {
            #expect(report.warnings.mention(text), "\(text)")
        }
    }

    @Test("alternatives are validated too")
    func alternatives() {
        #expect(rejection("&(executable=x)(|(stdout=a)(stdout=../b))").mention("stdout '../b'"))
    }

    @Test("every front-end error is reported, not just the first")
    func allErrors() {
        #expect(rejection("&(executable=../x)(count=-1)(memory=0)(stdout=/o)").count == 4)
    }
}
