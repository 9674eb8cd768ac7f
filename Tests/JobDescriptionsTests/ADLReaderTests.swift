import Foundation
import Testing
@testable import JobDescriptions

/// ADL (EMI-ES ActivityDescription XML): each mapping rule of the shared spec §6, units, the bulk
/// wrapper, XML hazards and positions.
@Suite("ADL reader")
struct ADLReaderTests {
    static let adl = "http://www.eu-emi.eu/es/2010/12/adl"
    static let nordugrid = "http://www.nordugrid.org/es/2011/12/nordugrid-adl"

    /// A one-job document; `body` goes inside `ActivityDescription`, where `adl` is the default
    /// namespace and `ng` is ARC's.
    static func document(_ body: String) -> String {
        """
        <?xml version="1.0"?>
        <ActivityDescription xmlns="\(adl)" xmlns:ng="\(nordugrid)">
        \(body)
        </ActivityDescription>
        """
    }

    static func report(_ text: String, limits: ParseLimits = .standard) -> DescriptionReport {
        JobDescriptionParser(limits: limits).analyse(Array(text.utf8))
    }

    /// The one job of a document that must be accepted.
    static func job(_ body: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ParsedJob {
        let report = report(document(body))
        #expect(report.language == .adl, sourceLocation: sourceLocation)
        #expect(report.isAccepted, "rejected: \(report.errors)", sourceLocation: sourceLocation)
        #expect(report.jobs.count == 1, sourceLocation: sourceLocation)
        return try #require(report.jobs.first, sourceLocation: sourceLocation)
    }

    /// The errors of a document that must be rejected.
    static func errors(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [Diagnostic] {
        let report = report(text)
        #expect(!report.isAccepted, "accepted, but should be rejected", sourceLocation: sourceLocation)
        #expect(report.jobs.isEmpty, sourceLocation: sourceLocation)
        return report.errors
    }

    static func has(_ diagnostics: [Diagnostic], _ text: String, line: Int? = nil, column: Int? = nil) -> Bool {
        diagnostics.contains { diagnostic in
            diagnostic.message.contains(text)
                && (line.map { $0 == diagnostic.position.line } ?? true)
                && (column.map { $0 == diagnostic.position.column } ?? true)
        }
    }

    static func warnings(_ body: String) -> [Diagnostic] {
        report(document(body)).warnings
    }

    // MARK: Identification and application

    @Test("Name, Annotation and ActivityOldID")
    func identification() throws {
        let parsed = try Self.job("""
            <ActivityIdentification>
              <Name>my job</Name><Description>free text</Description><Type>single</Type>
              <Annotation>first</Annotation><Annotation>second</Annotation>
              <ng:ActivityOldID>https://ce.example.org/emies/1</ng:ActivityOldID>
            </ActivityIdentification>
            <Application><Executable><Path>/bin/true</Path></Executable></Application>
            """)
        #expect(parsed.job.jobName == "my job")
        #expect(parsed.job.annotations == ["first", "second"])
        #expect(parsed.job.oldIDs == ["https://ce.example.org/emies/1"])
        #expect(parsed.sourceMap[.jobName] == SourcePosition(line: 4, column: 3))
    }

    @Test("Executable, streams and environment")
    func executable() throws {
        let parsed = try Self.job("""
            <Application>
              <Executable><Path>run.sh</Path><Argument>a b</Argument><Argument></Argument>
                <FailIfExitCodeNotEqualTo>3</FailIfExitCodeNotEqualTo></Executable>
              <Input>in.txt</Input><Output>out.txt</Output><Error>err.txt</Error>
              <Environment><Name>A</Name><Value>1 2</Value></Environment>
              <Environment><Name>B</Name></Environment>
            </Application>
            """)
        let job = parsed.job
        #expect(job.executable == "run.sh")
        #expect(job.arguments == ["a b", ""])
        #expect(job.expectedExitCode == 3)
        #expect(job.stdin == "in.txt" && job.stdout == "out.txt" && job.stderr == "err.txt")
        #expect(job.join == false)
        #expect(job.environment == [EnvironmentVariable(name: "A", value: "1 2"), EnvironmentVariable(name: "B", value: "")])
        #expect(parsed.sourceMap[.executable] == SourcePosition(line: 4, column: 15))
        #expect(parsed.sourceMap[.environment(1)] == SourcePosition(line: 8, column: 3))
    }

    @Test("PreExecutable and PostExecutable become commands")
    func commands() throws {
        let job = try Self.job("""
            <Application>
              <Executable><Path>/bin/true</Path></Executable>
              <PreExecutable><Path>setup</Path><Argument>1</Argument><FailIfExitCodeNotEqualTo>0</FailIfExitCodeNotEqualTo></PreExecutable>
              <PreExecutable><Path>second</Path></PreExecutable>
              <PostExecutable><Path>cleanup</Path><FailIfExitCodeNotEqualTo>-1</FailIfExitCodeNotEqualTo></PostExecutable>
            </Application>
            """).job
        #expect(job.preExecutables == [Command(path: "setup", arguments: ["1"], expectedExitCode: 0), Command(path: "second")])
        #expect(job.postExecutables == [Command(path: "cleanup", expectedExitCode: -1)])
    }

    @Test("an exit code that is not a number is refused with its position")
    func badExitCode() {
        let errors = Self.errors(Self.document(
            "<Application><Executable><Path>x</Path><FailIfExitCodeNotEqualTo>zero</FailIfExitCodeNotEqualTo></Executable></Application>"))
        #expect(Self.has(errors, "'FailIfExitCodeNotEqualTo' must be a whole number", line: 3, column: 40))
    }

    @Test("RemoteLogging, WipeTime in seconds or as a duration, ExpirationTime")
    func remoteLoggingAndTimes() throws {
        let job = try Self.job("""
            <Application>
              <Executable><Path>/bin/true</Path></Executable>
              <RemoteLogging optional="true"><ServiceType>SGAS</ServiceType><URL>https://sgas.example.org/</URL></RemoteLogging>
              <WipeTime>86400</WipeTime>
              <ExpirationTime>2030-01-01T00:00:00Z</ExpirationTime>
            </Application>
            """).job
        #expect(job.remoteLogging == ["https://sgas.example.org/"])
        #expect(job.lifeTime == 86400)
        let iso = try Self.job("<Application><WipeTime>P2D</WipeTime></Application>").job
        #expect(iso.lifeTime == 2 * 86400)
        let errors = Self.errors(Self.document("<Application><WipeTime>two days</WipeTime></Application>"))
        #expect(Self.has(errors, "'WipeTime' must be a whole number of seconds", line: 3, column: 14))
        let noURL = Self.errors(Self.document("<Application><RemoteLogging><ServiceType>X</ServiceType></RemoteLogging></Application>"))
        #expect(Self.has(noURL, "'RemoteLogging' needs a 'URL'"))
    }

    @Test("Notification maps EMI-ES states onto ARC's")
    func notification() throws {
        let body = """
            <Application>
              <Notification><Protocol>email</Protocol><Recipient>a@example.org</Recipient><Recipient>b@example.org</Recipient>
                <OnState>PREPROCESSING</OnState><OnState>PROCESSING-RUNNING</OnState><OnState>PROCESSING</OnState>
                <OnState>POSTPROCESSING</OnState><OnState>TERMINAL</OnState><OnState>BOGUS</OnState></Notification>
            </Application>
            """
        let job = try Self.job(body).job
        #expect(job.notifications == [
            Notification(recipients: ["a@example.org", "b@example.org"], states: [.preparing, .inLRMS, .finishing, .finished]),
        ])
        #expect(Self.has(Self.warnings(body), "'OnState' 'BOGUS'", line: 6, column: 65))
        let sms = Self.errors(Self.document(
            "<Application><Notification><Protocol>sms</Protocol><Recipient>x</Recipient></Notification></Application>"))
        #expect(Self.has(sms, "only email"))
    }

    @Test("LoggingDirectory is read in any namespace")
    func loggingDirectory() throws {
        #expect(try Self.job("<Application><LoggingDirectory>log</LoggingDirectory></Application>").job.gmlog == "log")
        #expect(try Self.job("<Application><ng:LoggingDirectory>log2</ng:LoggingDirectory></Application>").job.gmlog == "log2")
        #expect(try Self.job(#"<Application><LoggingDirectory xmlns="urn:x">log3</LoggingDirectory></Application>"#).job.gmlog == "log3")
    }

    @Test("ARC extensions: Rerun, Priority, StartTime, DryRun, AccessControl, CredentialService, DelegationID")
    func arcExtensions() throws {
        let body = """
            <Application>
              <Executable><Path>/bin/true</Path></Executable>
              <ng:Rerun>2</ng:Rerun><ng:Priority>150</ng:Priority>
              <ng:StartTime>2030-01-02T03:04:05Z</ng:StartTime><ng:DryRun>1</ng:DryRun>
              <ng:AccessControl> owner-only </ng:AccessControl>
              <ng:CredentialService>https://myproxy.example.org/</ng:CredentialService>
            </Application>
            <DataStaging><ng:DelegationID>deleg-1</ng:DelegationID></DataStaging>
            """
        let job = try Self.job(body).job
        #expect(job.rerun == 2)
        #expect(job.priority == 100)
        #expect(job.startTime == Date(timeIntervalSince1970: 1_893_553_445))
        #expect(job.dryRun)
        #expect(job.accessControl == "owner-only")
        #expect(job.credentialService == "https://myproxy.example.org/")
        #expect(job.delegationID == "deleg-1")
        #expect(Self.has(Self.warnings(body), "'Priority' above 100 is read as 100", line: 5, column: 25))
        let errors = Self.errors(Self.document("<Application><ng:StartTime>tomorrow</ng:StartTime><ng:Rerun>x</ng:Rerun></Application>"))
        #expect(Self.has(errors, "'StartTime'"))
        #expect(Self.has(errors, "'Rerun' must be a whole number"))
    }

    // MARK: Resources

    @Test("memory and disk are bytes, rounded up to MiB")
    func bytesToMiB() throws {
        let job = try Self.job("""
            <Resources>
              <IndividualPhysicalMemory>1572864000</IndividualPhysicalMemory>
              <IndividualVirtualMemory>1048577</IndividualVirtualMemory>
              <DiskSpaceRequirement>1048576</DiskSpaceRequirement>
            </Resources>
            """).job
        #expect(job.memoryMB == 1500)
        #expect(job.virtualMemoryMB == 2)
        #expect(job.diskMB == 1)
        #expect(try Self.job("<Resources><IndividualPhysicalMemory>1</IndividualPhysicalMemory></Resources>").job.memoryMB == 1)
    }

    @Test("memory and disk must be whole positive byte counts")
    func strictBytes() {
        let errors = Self.errors(Self.document("""
            <Resources>
              <IndividualPhysicalMemory>1.5</IndividualPhysicalMemory>
              <DiskSpaceRequirement>0</DiskSpaceRequirement>
              <IndividualVirtualMemory>2GB</IndividualVirtualMemory>
            </Resources>
            """))
        #expect(Self.has(errors, "'IndividualPhysicalMemory' must be a whole number of bytes, found '1.5'", line: 4, column: 3))
        #expect(Self.has(errors, "'DiskSpaceRequirement' must be a positive number of bytes, found 0", line: 5, column: 3))
        #expect(Self.has(errors, "'IndividualVirtualMemory' must be a whole number of bytes", line: 6, column: 3))
    }

    @Test("times are whole seconds; PT1H and fractions are refused")
    func seconds() throws {
        let job = try Self.job("""
            <Resources><WallTime>3600</WallTime><TotalCPUTime> 7200 </TotalCPUTime><IndividualCPUTime>60</IndividualCPUTime></Resources>
            """).job
        #expect(job.wallTime == 3600)
        #expect(job.cpuTime == 7200)
        let errors = Self.errors(Self.document("<Resources><WallTime>PT1H</WallTime><TotalCPUTime>1.5</TotalCPUTime></Resources>"))
        #expect(Self.has(errors, "'WallTime' must be a whole number of seconds, found 'PT1H'", line: 3, column: 12))
        #expect(Self.has(errors, "'TotalCPUTime' must be a whole number of seconds", line: 3, column: 37))
        #expect(Self.has(Self.warnings("<Resources><IndividualCPUTime>60</IndividualCPUTime></Resources>"), "'IndividualCPUTime' is not used"))
    }

    @Test("SlotRequirement: slots, slots per host, exclusive execution")
    func slots() throws {
        let explicit = try Self.job("""
            <Resources><SlotRequirement><NumberOfSlots>8</NumberOfSlots><SlotsPerHost>4</SlotsPerHost>
            <ExclusiveExecution>true</ExclusiveExecution></SlotRequirement></Resources>
            """).job
        #expect(explicit.count == 8 && explicit.countPerNode == 4 && explicit.exclusiveExecution == true)
        let allOnOne = try Self.job("""
            <Resources><SlotRequirement><NumberOfSlots>6</NumberOfSlots><SlotsPerHost useNumberOfSlots="true"/>
            <ExclusiveExecution>0</ExclusiveExecution></SlotRequirement></Resources>
            """).job
        #expect(allOnOne.count == 6 && allOnOne.countPerNode == 6 && allOnOne.exclusiveExecution == false)
        let missing = Self.errors(Self.document("<Resources><SlotRequirement><SlotsPerHost>2</SlotsPerHost></SlotRequirement></Resources>"))
        #expect(Self.has(missing, "'SlotRequirement' needs a 'NumberOfSlots'"))
        let negative = Self.errors(Self.document("<Resources><SlotRequirement><NumberOfSlots>-8</NumberOfSlots></SlotRequirement></Resources>"))
        #expect(Self.has(negative, "count must be a positive number", line: 3, column: 29))
    }

    @Test("OperatingSystem, Platform, RuntimeEnvironment, NodeAccess, QueueName")
    func software() throws {
        let parsed = try Self.job("""
            <Resources>
              <OperatingSystem><Name>centos</Name><Family>linux</Family><Version>7</Version></OperatingSystem>
              <Platform>amd64</Platform>
              <RuntimeEnvironment><Name>ATLAS-17.2.0</Name><Option>a b</Option><Option>c</Option></RuntimeEnvironment>
              <RuntimeEnvironment optional="true"><Name>APPS/PYTHON</Name><Version>3.11</Version></RuntimeEnvironment>
              <NodeAccess>outbound</NodeAccess>
              <QueueName>short</QueueName>
            </Resources>
            """)
        let job = parsed.job
        #expect(job.operatingSystem == VersionRequirement(name: "centos", version: "7", relation: .equal))
        #expect(job.architecture == "amd64")
        #expect(job.runTimeEnvironments == [
            RuntimeEnvironment(name: "ATLAS-17.2.0", options: ["a b", "c"]),
            RuntimeEnvironment(name: "APPS/PYTHON", version: "3.11"),
        ])
        #expect(job.nodeAccess == .outbound)
        #expect(job.queue == "short")
        #expect(parsed.sourceMap[.runtimeEnvironment(1)] == SourcePosition(line: 7, column: 3))
        let errors = Self.errors(Self.document("<Resources><NodeAccess>sideways</NodeAccess></Resources>"))
        #expect(Self.has(errors, "'NodeAccess' must be inbound, outbound or inoutbound"))
    }

    @Test("ParallelEnvironment and Coprocessor are ignored with a warning; NetworkInfo and Benchmark are refused")
    func unsupportedResources() {
        let warnings = Self.warnings("""
            <Resources><ParallelEnvironment><Type>MPI</Type></ParallelEnvironment><Coprocessor>CUDA</Coprocessor></Resources>
            """)
        #expect(Self.has(warnings, "'ParallelEnvironment' is not used"))
        #expect(Self.has(warnings, "'Coprocessor' is not used"))
        let errors = Self.errors(Self.document("""
            <Resources><NetworkInfo>infiniband</NetworkInfo>
            <Benchmark><BenchmarkType>specint2000</BenchmarkType><BenchmarkValue>1</BenchmarkValue></Benchmark></Resources>
            """))
        #expect(Self.has(errors, "'NetworkInfo' is not supported", line: 3, column: 12))
        #expect(Self.has(errors, "'Benchmark' is not supported", line: 4, column: 1))
    }

    @Test("booleans are true, false, 1 or 0")
    func booleans() throws {
        #expect(try Self.job("<Application><ng:DryRun>true</ng:DryRun></Application>").job.dryRun)
        #expect(try !Self.job("<Application><ng:DryRun>0</ng:DryRun></Application>").job.dryRun)
        let errors = Self.errors(Self.document("<Application><ng:DryRun>yes</ng:DryRun></Application>"))
        #expect(Self.has(errors, "'DryRun' must be true, false, 1 or 0, found 'yes'", line: 3, column: 14))
    }

    // MARK: Data staging

    @Test("input files: uploaded, local paths, remote with delegation, alternatives")
    func inputFiles() throws {
        let parsed = try Self.job("""
            <DataStaging>
              <InputFile><Name>upload</Name></InputFile>
              <InputFile><Name>local</Name><Source><URI>data/local.txt</URI></Source></InputFile>
              <InputFile><Name>abs</Name><Source><URI>file:///home/me/abs.txt</URI></Source></InputFile>
              <InputFile><Name>remote</Name><IsExecutable>true</IsExecutable>
                <Source><URI> https://se1.example.org/f </URI><DelegationID>d1</DelegationID>
                  <Option><Name>cache</Name><Value>no</Value></Option></Source>
                <Source><URI>gsiftp://se2.example.org/f</URI></Source>
              </InputFile>
            </DataStaging>
            """)
        let files = parsed.job.inputFiles
        #expect(files.map(\.name) == ["upload", "local", "abs", "remote"])
        #expect(files[0].source == .submitter(path: ""))
        #expect(files[1].source == .submitter(path: "data/local.txt"))
        #expect(files[2].source == .submitter(path: "/home/me/abs.txt"))
        guard case .remote(let locations) = files[3].source else {
            Issue.record("expected remote sources")
            return
        }
        #expect(locations.map(\.description) == ["https://se1.example.org;cache=no/f", "gsiftp://se2.example.org/f"])
        #expect(locations[0].delegationID == "d1")
        #expect(files[3].executable)
        #expect(!files[0].executable)
        #expect(parsed.sourceMap[.inputFile(3)] == SourcePosition(line: 7, column: 14))
    }

    @Test("IsExecutable is true unless empty, false or 0")
    func isExecutable() throws {
        let job = try Self.job("""
            <DataStaging>
              <InputFile><Name>a</Name><IsExecutable>yes</IsExecutable></InputFile>
              <InputFile><Name>b</Name><IsExecutable>false</IsExecutable></InputFile>
              <InputFile><Name>c</Name><IsExecutable>0</IsExecutable></InputFile>
              <InputFile><Name>d</Name><IsExecutable></IsExecutable></InputFile>
              <InputFile><Name>e</Name><IsExecutable>1</IsExecutable></InputFile>
            </DataStaging>
            """).job
        #expect(job.inputFiles.map(\.executable) == [true, false, false, false, true])
    }

    @Test("a source option 'location' adds a replica")
    func sourceReplicas() throws {
        let job = try Self.job("""
            <DataStaging><InputFile><Name>f</Name><Source><URI>lfc://lfc.example.org/lfn/f</URI>
              <Option><Name>location</Name><Value>gsiftp://se.example.org/f</Value></Option></Source></InputFile></DataStaging>
            """).job
        guard case .remote(let locations) = try #require(job.inputFiles.first).source else {
            Issue.record("expected a remote source")
            return
        }
        #expect(locations.first?.replicas.map(\.host) == ["se.example.org"])
        #expect(locations.first?.description == "lfc://gsiftp://se.example.org:2811/f@lfc.example.org:5010/lfn/f")
    }

    @Test("an invalid source URL is refused with its position")
    func invalidSource() {
        let errors = Self.errors(Self.document("""
            <DataStaging><InputFile><Name>f</Name>
              <Source><URI>javascript:alert(1)</URI></Source></InputFile></DataStaging>
            """))
        #expect(Self.has(errors, "'URI':", line: 4, column: 11))
        let badPort = Self.errors(Self.document(
            "<DataStaging><InputFile><Name>f</Name><Source><URI>http://h:port/x</URI></Source></InputFile></DataStaging>"))
        #expect(Self.has(badPort, "invalid port", line: 3, column: 47))
    }

    @Test("every output target carries mandatory=true|false, as ARC prints it")
    func mandatoryOption() throws {
        let job = try Self.job("""
            <DataStaging>
              <OutputFile><Name>kept</Name></OutputFile>
              <OutputFile><Name>out</Name>
                <Target><URI>https://se.example.org/a/out</URI><DelegationID>d2</DelegationID></Target>
                <Target><URI>gsiftp://se2.example.org/b/out</URI><Mandatory>true</Mandatory>
                  <UseIfFailure>true</UseIfFailure><UseIfCancel>1</UseIfCancel><UseIfSuccess>false</UseIfSuccess></Target>
              </OutputFile>
            </DataStaging>
            """).job
        #expect(job.outputFiles.first == OutputFile(name: "kept"))
        let targets = try #require(job.outputFiles.last).targets
        #expect(targets.map(\.location.description) == [
            "https://se.example.org;mandatory=false/a/out", "gsiftp://se2.example.org;mandatory=true/b/out",
        ])
        #expect(targets[0].location.delegationID == "d2")
        #expect(targets[0].useIfSuccess && !targets[0].useIfFailure && !targets[0].useIfCancel)
        #expect(!targets[1].useIfSuccess && targets[1].useIfFailure && targets[1].useIfCancel)
    }

    @Test("target options, replicas via location, CreationFlag")
    func targetOptions() throws {
        let job = try Self.job("""
            <DataStaging><OutputFile><Name>out</Name>
              <Target><URI>lfc://lfc.example.org:5010/lfn/out</URI>
                <Option><Name>location</Name><Value>https://se.example.org:443/out</Value></Option>
                <Option><Name>checksum</Name><Value>md5</Value></Option></Target>
              <Target><URI>https://se.example.org/o</URI><CreationFlag>overwrite</CreationFlag></Target>
              <Target><URI>https://se.example.org/p</URI><CreationFlag>dontOverwrite</CreationFlag></Target>
            </OutputFile></DataStaging>
            """).job
        #expect(try #require(job.outputFiles.first).targets.map(\.location.description) == [
            "lfc://https://se.example.org:443/out@lfc.example.org:5010;checksum=md5;mandatory=false/lfn/out",
            "https://se.example.org;mandatory=false;overwrite=yes/o",
            "https://se.example.org;mandatory=false;overwrite=no/p",
        ])
        let errors = Self.errors(Self.document("""
            <DataStaging><OutputFile><Name>out</Name><Target><URI>https://se.example.org/o</URI>
            <CreationFlag>sometimes</CreationFlag>
            <Option><Name>location</Name><Value>file:///tmp/x</Value></Option></Target></OutputFile></DataStaging>
            """))
        #expect(Self.has(errors, "'CreationFlag' must be overwrite, append or dontOverwrite", line: 4, column: 1))
        #expect(Self.has(errors, "option 'location' must be a remote URL", line: 5, column: 1))
    }

    @Test("a local target keeps the file in the session directory")
    func localTarget() throws {
        let body = "<DataStaging><OutputFile><Name>out</Name><Target><URI>file:///tmp/out</URI></Target></OutputFile></DataStaging>"
        let job = try Self.job(body).job
        #expect(job.outputFiles == [OutputFile(name: "out")])
        #expect(Self.has(Self.warnings(body), "not a remote URL", line: 3, column: 50))
    }

    @Test("names that leave the session directory are refused at their element")
    func pathTraversal() {
        let errors = Self.errors(Self.document("""
            <Application><Executable><Path>../../bin/sh</Path></Executable><Output>../out</Output></Application>
            <DataStaging>
              <InputFile><Name>../../etc/cron.d/x</Name><Source><URI>http://example.org/x</URI></Source></InputFile>
              <OutputFile><Name>/root/.bashrc</Name><Target><URI>gsiftp://example.org/x</URI></Target></OutputFile>
            </DataStaging>
            """))
        #expect(Self.has(errors, "executable '../../bin/sh' leaves the session directory", line: 3, column: 26))
        #expect(Self.has(errors, "stdout '../out'", line: 3, column: 64))
        #expect(Self.has(errors, "input file '../../etc/cron.d/x'", line: 5, column: 14))
        #expect(Self.has(errors, "output file '/root/.bashrc' is absolute", line: 6, column: 15))
    }

    // MARK: Document structure

    @Test("a bulk wrapper holds several jobs")
    func bulk() throws {
        let text = """
            <ActivityDescriptions xmlns="\(Self.adl)">
              <ActivityDescription><ActivityIdentification><Name>one</Name></ActivityIdentification>
                <Application><Executable><Path>/bin/true</Path></Executable></Application></ActivityDescription>
              <ActivityDescription><ActivityIdentification><Name>two</Name></ActivityIdentification>
                <Application><Executable><Path>/bin/false</Path></Executable></Application></ActivityDescription>
            </ActivityDescriptions>
            """
        let report = Self.report(text)
        #expect(report.isAccepted, "rejected: \(report.errors)")
        #expect(report.jobs.map(\.job.jobName) == ["one", "two"])
        #expect(report.jobs.map(\.job.executable) == ["/bin/true", "/bin/false"])
        let nordugridWrapper = """
            <ng:ActivityDescriptions xmlns:ng="\(Self.nordugrid)" xmlns="\(Self.adl)">
              <ActivityDescription/><ActivityDescription/></ng:ActivityDescriptions>
            """
        #expect(Self.report(nordugridWrapper).jobs.count == 2)
        var limits = ParseLimits()
        limits.maxJobs = 1
        let limited = Self.report(text, limits: limits)
        #expect(!limited.isAccepted)
        #expect(Self.has(limited.errors, "more than 1 ActivityDescription", line: 4, column: 3))
    }

    @Test("a root without namespace, or another root, is refused")
    func roots() {
        let bare = Self.errors("<?xml version=\"1.0\"?>\n<ActivityDescription>\n <Application/>\n</ActivityDescription>\n")
        #expect(Self.has(bare, "has no namespace", line: 2, column: 1))
        let other = Self.errors("<job xmlns=\"urn:x\"/>")
        #expect(Self.has(other, "the root element must be ActivityDescription", line: 1, column: 1))
    }

    @Test("DTDs are refused before parsing, entity bombs included")
    func dtd() {
        var laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE ActivityDescription [\n<!ENTITY l0 \"lol\">\n"
        for level in 1...9 {
            laughs += "<!ENTITY l\(level) \"" + String(repeating: "&l\(level - 1);", count: 10) + "\">\n"
        }
        laughs += "]>\n<ActivityDescription xmlns=\"\(Self.adl)\"><ActivityIdentification><Name>&l9;</Name></ActivityIdentification></ActivityDescription>\n"
        let start = Date()
        let errors = Self.errors(laughs)
        #expect(Date().timeIntervalSince(start) < 2)
        #expect(Self.has(errors, "DTDs and entity declarations are refused", line: 2, column: 1))
        let external = Self.errors("""
            <!DOCTYPE x SYSTEM "file:///etc/passwd"><ActivityDescription xmlns="\(Self.adl)"/>
            """)
        #expect(Self.has(external, "DTDs", line: 1, column: 1))
        // Inside a comment it is only text.
        let commented = Self.report("<!-- <!DOCTYPE x> --><ActivityDescription xmlns=\"\(Self.adl)\"/>")
        #expect(commented.isAccepted)
    }

    @Test("malformed XML is refused with the parser's position")
    func malformed() {
        let mismatch = Self.errors("<ActivityDescription xmlns=\"\(Self.adl)\">\n <Application>\n  </Resources>\n</ActivityDescription>")
        #expect(Self.has(mismatch, "closing tag does not match the open element 'Application' (line 2)", line: 3, column: 3))
        let truncated = Self.errors("<ActivityDescription xmlns=\"\(Self.adl)\">\n <Application>")
        #expect(Self.has(truncated, "the document ends before element 'Application' (line 2) is closed", line: 2))
        let entity = Self.errors("<ActivityDescription xmlns=\"\(Self.adl)\">&xxe;</ActivityDescription>")
        #expect(Self.has(entity, "undeclared entity", line: 1))
        let prefix = Self.errors("<ActivityDescription xmlns=\"\(Self.adl)\"><x:Application/></ActivityDescription>")
        #expect(Self.has(prefix, "namespace error", line: 1))
        #expect(Self.has(Self.errors("<"), "no XML element"))
        #expect(Self.has(Self.errors("<a>"), "the document ends inside its first element", line: 1, column: 1))
        #expect(Self.has(Self.errors("<ActivityDescription xmlns=\"\(Self.adl)\"/><more/>"), "extra content after the root element"))
    }

    @Test("positions count bytes, also after non-ASCII text")
    func byteColumns() throws {
        let parsed = try Self.job("<ActivityIdentification><Name>é</Name></ActivityIdentification><Application><Output>o</Output></Application>")
        #expect(parsed.sourceMap[.stdout] == SourcePosition(line: 3, column: 78))
    }

    @Test("a declared encoding other than UTF-8 is refused when it would change the text")
    func encoding() {
        let latin = Self.errors("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><ActivityDescription xmlns=\"\(Self.adl)\"><ActivityIdentification><Name>é</Name></ActivityIdentification></ActivityDescription>")
        #expect(Self.has(latin, "encoding 'ISO-8859-1'", line: 1, column: 1))
        let ascii = Self.report("<?xml version=\"1.0\" encoding=\"US-ASCII\"?><ActivityDescription xmlns=\"\(Self.adl)\"/>")
        #expect(ascii.isAccepted)
    }

    @Test("nesting deeper than the limit is refused")
    func depth() {
        var limits = ParseLimits()
        limits.maxNestingDepth = 4
        let text = "<ActivityDescription xmlns=\"\(Self.adl)\"><a><b><c><d/></c></b></a></ActivityDescription>"
        let report = Self.report(text, limits: limits)
        #expect(!report.isAccepted)
        #expect(Self.has(report.errors, "nested deeper than 4", line: 1, column: 75))
        let deep = String(repeating: "<x>", count: 5000) + String(repeating: "</x>", count: 5000)
        #expect(!Self.report("<ActivityDescription xmlns=\"\(Self.adl)\">\(deep)</ActivityDescription>").isAccepted)
    }

    @Test("unknown ADL elements warn, foreign namespaces are skipped, duplicates are refused")
    func unknownElements() throws {
        let body = """
            <Application><Executable><Path>/bin/true</Path></Executable><Colour>red</Colour>
            <x:Thing xmlns:x="urn:other">ignored</x:Thing><Stray xmlns="">s</Stray></Application>
            """
        _ = try Self.job(body)
        let warnings = Self.warnings(body)
        #expect(Self.has(warnings, "unknown ADL element 'Colour' in 'Application'", line: 3, column: 61))
        #expect(Self.has(warnings, "'Stray' has no namespace", line: 4, column: 47))
        #expect(!Self.has(warnings, "Thing"))
        let twice = Self.errors(Self.document("""
            <Application><Executable><Path>a</Path></Executable>
            <Executable><Path>b</Path></Executable></Application>
            """))
        #expect(Self.has(twice, "'Executable' appears more than once in 'Application' (first at 3:14)", line: 4, column: 1))
        let missingName = Self.errors(Self.document("<DataStaging><InputFile><IsExecutable>1</IsExecutable></InputFile></DataStaging>"))
        #expect(Self.has(missingName, "'InputFile' needs a 'Name'", line: 3, column: 14))
    }

    @Test("hostile bytes never crash the reader")
    func hostile() {
        let samples = [
            "<", "<a", "<a>", "<?xml", "<!--", "<![CDATA[", "<a><![CDATA[x", "<\u{FEFF}a/>", "<a b='<'/>",
            "<ActivityDescription xmlns=\"\(Self.adl)\"><Application><Executable><Path>",
            "<ActivityDescription xmlns=\"\(Self.adl)\"><Resources><WallTime>99999999999999999999999</WallTime></Resources></ActivityDescription>",
        ]
        for sample in samples {
            #expect(!Self.report(sample).isAccepted, "\(sample)")
        }
    }
}
