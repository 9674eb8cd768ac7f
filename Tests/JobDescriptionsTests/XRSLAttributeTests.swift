import Foundation
import JobDescriptions
import Testing

@Suite("xRSL attributes")
struct XRSLAttributeTests {
    @Test("execution attributes map into the model")
    func execution() throws {
        let job = try acceptedJob("""
            &(executable=run.sh)(arguments="Hello World" x)(stdin=in)(stdout=out)(stderr=err)(gmlog=log)
             (jobname="job !@#$%^&*()~")(queue=short)(count=8)(countpernode=8)(exclusiveexecution=YES)
             (memory=1000)(disk=500)(priority=150)(rerun=2)(dryrun=yes)(architecture=x86_64)
            """)
        #expect(job.executable == "run.sh")
        #expect(job.arguments == ["Hello World", "x"])
        #expect((job.stdin, job.stdout, job.stderr, job.gmlog) == ("in", "out", "err", "log"))
        #expect(job.jobName == "job !@#$%^&*()~")
        #expect(job.queue == "short")
        #expect((job.count, job.countPerNode, job.exclusiveExecution) == (8, 8, true))
        #expect((job.memoryMB, job.diskMB) == (1000, 500))
        #expect(job.priority == 100)
        #expect(job.rerun == 2 && job.dryRun)
        #expect(job.architecture == "x86_64")
    }

    @Test("user-side bare times are minutes, server-side seconds")
    func timeUnits() throws {
        let user = try acceptedJob("&(executable=/bin/x)(walltime=5)(cputime=\"1 hours\")(lifetime=7)")
        #expect((user.wallTime, user.cpuTime, user.lifeTime) == (300, 3600, 420))
        let server = try acceptedJob("&(executable=/bin/x)(walltime=5)(cputime=\"1 hours\")(lifetime=7)", dialect: .server)
        #expect((server.wallTime, server.cpuTime, server.lifeTime) == (5, 3600, 7))
    }

    @Test("gridtime sets cputime and walltime times count")
    func gridTime() throws {
        let job = try acceptedJob("&(executable=/bin/echo)(gridtime=600s)(count=5)")
        #expect((job.cpuTime, job.wallTime) == (600, 3000))
        #expect(rejection("&(executable=/bin/echo)(gridtime=10)(cputime=5)").mention("cannot be combined"))
    }

    @Test("benchmarks give cputime from the first numeric sequence")
    func benchmarks() throws {
        let job = try acceptedJob(#"&(executable=/bin/x)(benchmarks=("specint" "none" "1") ("specfp" "2.5" "10"))"#)
        #expect(job.cpuTime == 600)
        #expect(job.benchmark == Benchmark(name: "specfp", value: 2.5))
    }

    @Test("join sends stderr to the stdout file, wherever it is written")
    func join() throws {
        let job = try acceptedJob(#"&(executable=x)(join="yes")(|(stdout="a")(stdout="b"))"#)
        #expect(job.join && job.stderr == "a" && job.stdout == "a")
        #expect(job.alternatives.first?.stderr == "b")
        #expect(rejection(#"&(executable=x)(stdout=o)(stderr=e)(join=yes)"#).mention("names another file"))
        #expect(rejection(#"&(executable=x)(join=yes)(stderr=e)"#).mention("needs 'stdout'"))
        let ignored = analyse(#"&(executable=x)(stdout=o)(join=YES)"#)
        #expect(ignored.isAccepted && ignored.jobs.first?.job.join == false)
        #expect(ignored.warnings.mention("neither yes nor no"))
    }

    @Test("environment takes pairs, keeps order and duplicates, values literal")
    func environment() throws {
        let job = try acceptedJob(#"&(executable=x)(environment=("A" "1") ("B" "foo\\bar"))(environment=("A" "'2'"))"#)
        #expect(job.environment.map { [$0.name, $0.value] } == [["A", "1"], ["B", #"foo\\bar"#], ["A", "'2'"]])
        #expect(rejection(#"&(executable=x)(environment=("A" "1" "2"))"#).mention("found 3 values"))
    }

    @Test("runtime environments split name and version at the first '-' before a digit")
    func runtimeEnvironments() throws {
        let job = try acceptedJob(#"&(executable=x)(runtimeenvironment="APPS/HEP/ATLAS-17.2.0-X86_64" opt1 opt2)(runtimeenvironment>=A-B)"#)
        #expect(job.runTimeEnvironments == [
            RuntimeEnvironment(name: "APPS/HEP/ATLAS", version: "17.2.0-X86_64", options: ["opt1", "opt2"]),
            RuntimeEnvironment(name: "A-B", relation: .greaterOrEqual),
        ])
        #expect(rejection("&(executable=x)(runtimeenvironment=)").mention("needs the runtime environment's name"))
    }

    @Test("queue!= rejects a queue; other operators on plain attributes are refused")
    func queueOperators() throws {
        let job = try acceptedJob("&(executable=x)(|(queue!=q1)(queue!=q2))")
        #expect(job.queue == nil && job.rejectedQueues == ["q1"])
        #expect(rejection("&(executable!=/bin/true)").mention("operator '!=' means nothing for 'executable'"))
        #expect(rejection("&(executable=x)(count<4)").mention("operator '<'"))
    }

    @Test("notify takes flags and addresses")
    func notify() throws {
        let job = try acceptedJob(#"&(executable=x)(notify="bqfedc a@x.org" "b@y.org c@z.org")"#)
        #expect(job.notifications.count == 2)
        #expect(job.notifications[1].states == [.preparing, .finished])
        #expect(rejection(#"&(executable=x)(notify="xyz someone@example.com")"#).mention("unknown state flags"))
        #expect(rejection(#"&(executable=x)(notify="be")"#).mention("needs e-mail addresses"))
    }

    @Test("start time formats and zones")
    func startTime() throws {
        let utc = try acceptedJob(#"&(executable=x)(starttime="2002-04-28T17:15:00Z")"#)
        #expect(utc.startTime == Date(timeIntervalSince1970: 1_020_014_100))
        let mds = try acceptedJob(#"&(executable=x)(starttime="20020428171500Z")"#)
        #expect(mds.startTime == utc.startTime)
        let offset = try acceptedJob(#"&(executable=x)(starttime="2002-04-28T19:15:00+02:00")"#)
        #expect(offset.startTime == utc.startTime)
        let local = analyse(#"&(executable=x)(starttime="2002-04-28 17:15:00")"#)
        #expect(local.warnings.mention("no time zone"))
        #expect(rejection(#"&(executable=x)(starttime="2002-02-30 10:00:00")"#).mention("is not a date"))
    }

    @Test("nodeaccess combines inbound and outbound")
    func nodeAccess() throws {
        #expect(try acceptedJob("&(executable=x)(nodeaccess=inbound outbound)").nodeAccess == .inboundAndOutbound)
    }

    @Test("opsys and middleware keep their comparison")
    func versionRequirements() throws {
        let job = try acceptedJob("&(executable=x)(opsys>=Debian-12)(middleware=nordugrid-arc-6.10)")
        #expect(job.operatingSystem == VersionRequirement(name: "Debian", version: "12", relation: .greaterOrEqual))
        #expect(job.middleware == [VersionRequirement(name: "nordugrid-arc", version: "6.10", relation: .equal)])
    }

    @Test("'action' belongs to the server dialect")
    func action() throws {
        #expect(rejection("&(executable=x)(action=request)").mention("must not set it"))
        #expect(try acceptedJob("&(executable=x)(action=request)(savestate=yes)(clientxrsl=\"&(a=b)\")", dialect: .server).executable == "x")
        #expect(rejection("&(executable=x)(action=cancel)", dialect: .server).mention("only 'request'"))
    }

    @Test("unknown and unsupported attributes are warnings with positions")
    func unknownAttributes() {
        let report = analyse("&(name=test)\n(maxmemory=5)(cluster=c)")
        #expect(report.isAccepted)
        #expect(report.warnings.mention("unknown attribute 'name'", line: 1, column: 3))
        #expect(report.warnings.mention("Globus", line: 2, column: 2))
        #expect(report.warnings.mention("obsolete", line: 2, column: 15))
    }

    @Test("single-valued attributes given twice are errors naming the first place")
    func duplicates() {
        #expect(rejection(#"&(executable="/bin/true")(executable="/bin/false")"#).mention("given twice (first at 1:3)", column: 27))
        #expect(rejection("&(executable=x)(memory=1)(memory=2)").mention("'memory' is given twice"))
    }

    @Test("list attributes given twice are merged")
    func mergedLists() throws {
        let job = try acceptedJob(#"&(executable=x)(inputfiles=("a" ""))(inputfiles=("b" ""))(runtimeenvironment=A)(runtimeenvironment=B)"#)
        #expect(job.inputFiles.map(\.name) == ["a", "b"])
        #expect(job.runTimeEnvironments.map(\.name) == ["A", "B"])
    }

    @Test("numbers must be whole numbers")
    func strictNumbers() {
        let errors = rejection(#"&(executable="/bin/true")(memory="lots")(disk="1TB")(count="eight")(priority="high")(rerun="many")"#)
        #expect(errors.count == 5)
        #expect(errors.mention("'memory' must be a whole number, found 'lots'", column: 34))
    }

    @Test("countpernode needs count")
    func countPerNodeNeedsCount() {
        #expect(rejection("&(executable=x)(countpernode=2)").mention("needs 'count'"))
    }

    @Test("exclusiveexecution takes yes or no")
    func exclusiveExecution() {
        #expect(rejection("&(executable=x)(exclusiveexecution=maybe)").mention("yes or no"))
    }
}
