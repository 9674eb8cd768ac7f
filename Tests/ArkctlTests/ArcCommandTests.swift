import Foundation
import Testing

/// `arkctl arc submit|scan|cancel` as A-REX runs them, against a real `arkd serve`, on synthetic
/// control directories of both layouts (ARC 6 flat, ARC 7 nested).
@Suite("arkctl arc against arkd serve", .serialized, .timeLimit(.minutes(3)))
struct ArcCommandTests {
    /// The session area A-REX stages jobs into, in the test's scratch directory.
    private static func sessionArea(_ files: DescriptionFiles) throws -> String {
        let sessions = files.directory.path + "/session"
        try FileManager.default.createDirectory(atPath: sessions, withIntermediateDirectories: true)
        return sessions
    }

    /// arkd as a CE runs it: GRAMI jobs accepted below `sessions`, a token for A-REX's scripts.
    private static func startArkd(_ files: DescriptionFiles, sessions: String) throws -> ArkdServeProcess {
        try ArkdServeProcess(files: files, token: "scan-token", owner: "a-rex", settings: "gridSessionRoots: [\(sessions)]")
    }

    /// arkd serving a CE's session area, with A-REX's configuration naming it: what every test
    /// against a running daemon starts from. The caller stops the daemon.
    private struct ServedCE {
        let files: DescriptionFiles
        let sessions: String
        let daemon: ArkdServeProcess
        var root: String { files.directory.path }

        init() throws {
            files = try DescriptionFiles()
            sessions = try ArcCommandTests.sessionArea(files)
            daemon = try ArcCommandTests.startArkd(files, sessions: sessions)
            do {
                try daemon.waitUntilServing()
            } catch {
                _ = daemon.stop()
                throw error
            }
        }

        /// The arc.conf A-REX passes its scripts: the daemon's address and token come from it only.
        func arexConfiguration() throws -> String {
            try files.write("arex.cfg", """
                [common]
                hostname = ce.example.org
                [lrms]
                lrms = arkd
                [custom:arkd]
                server = \(daemon.socket)
                tokenfile = \(daemon.tokenFile)
                """)
        }
    }

    /// A control directory as A-REX keeps it, ARC 6 (`job.<ID>.*`) or ARC 7 (`jobs/abc/def/ghi/<rest>/*`).
    private struct Control {
        let path: String
        let nested: Bool

        init(_ path: String, nested: Bool) throws {
            self.path = path
            self.nested = nested
            try FileManager.default.createDirectory(atPath: path + "/processing", withIntermediateDirectories: true)
            if nested { try FileManager.default.createDirectory(atPath: path + "/jobs", withIntermediateDirectories: true) }
        }

        func file(_ id: String, _ suffix: String) -> String {
            guard nested else { return "\(path)/job.\(id).\(suffix)" }
            let characters = Array(id)
            let parts = [0, 3, 6].map { String(characters[$0..<($0 + 3)]) } + [String(characters[9...])]
            return "\(path)/jobs/\(parts.joined(separator: "/"))/\(suffix)"
        }

        func status(_ id: String) -> String {
            nested ? "\(path)/processing/\(id).status" : "\(path)/processing/job.\(id).status"
        }

        /// What A-REX leaves before it runs submit: the GRAMI file, `.local`, `errors`, the state
        /// file, the session directory and the empty `.diag` and `.comment` beside it.
        func add(_ id: String, session: String, script: String, comment: String = "", jobID: String? = nil) throws -> String {
            let grami = file(id, "grami")
            try FileManager.default.createDirectory(atPath: (grami as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: session, withIntermediateDirectories: true)
            try write("""
                joboption_directory='\(session)'
                joboption_controldir='\(path)'
                joboption_arg_0='/bin/sh'
                joboption_arg_1='-c'
                joboption_arg_2='\(script)'
                joboption_stdin='/dev/null'
                joboption_stdout='\(session)/out.txt'
                joboption_stderr='\(session)/out.txt'
                joboption_env_0=GRID_GLOBAL_JOBID='\(id)'
                joboption_count=2
                joboption_gridid='\(id)'

                """ + (jobID.map { "joboption_jobid=\($0)\n" } ?? ""), to: grami)
            try write("lrms=arkd\nsessiondir=\(session)\n", to: file(id, "local"))
            try write("2026-11-22T02:39:46Z Job state change PREPARING -> SUBMIT\n", to: file(id, "errors"))
            try write("SUBMIT", to: status(id))
            try write("runtimeenvironments=\n", to: session + ".diag")
            try write(comment, to: session + ".comment")
            return grami
        }

        /// What A-REX does once submit succeeded: the id into `.local` (ARC 6 here; the ARC 7
        /// directory leaves it to the GRAMI file), the state INLRMS.
        func passToLRMS(_ id: String, localID: String) throws {
            if !nested {
                try write((read(file(id, "local")) ?? "") + "localid=\(localID)\n", to: file(id, "local"))
            }
            try write("INLRMS", to: status(id))
        }
    }

    private static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    private static func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Every file under `root` with its contents: nothing may change when arkd cannot be asked.
    private static func snapshot(_ root: String) -> [String: String] {
        let paths = (try? FileManager.default.subpathsOfDirectory(atPath: root)) ?? []
        return Dictionary(uniqueKeysWithValues: paths.map { ($0, read(root + "/" + $0) ?? "<dir>") })
    }

    private static func inode(_ path: String) -> UInt64? {
        var status = stat()
        return lstat(path, &status) == 0 ? UInt64(status.st_ino) : nil
    }

    /// Polls `arkctl status` until the job's state is one of `states`.
    private static func waitFor(_ id: String, _ states: Set<String>, server: [String]) throws -> [String: Any] {
        for _ in 0..<600 {
            let status = try ArkctlProcess.run(["status", id, "-o", "json"] + server)
            if let object = try? JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any],
               let job = (object["jobs"] as? [[String: Any]])?.first, let state = job["state"] as? String,
               states.contains(state) {
                return job
            }
            usleep(100_000)
        }
        Issue.record("job \(id) never reached \(states)")
        return [:]
    }

    @Test("submit records the arkd id; scan reports finished, failed, cancelled and missing jobs; cancel; arkd down")
    func backend() throws {
        let ce = try ServedCE()
        let (files, root, sessions, daemon) = (ce.files, ce.root, ce.sessions, ce.daemon)
        defer { _ = daemon.stop() }
        let server = daemon.clientOptions
        let conf = try ce.arexConfiguration()
        let arc6 = try Control(root + "/control6", nested: false)
        let arc7 = try Control(root + "/control7", nested: true)
        let kicks = root + "/kicks"
        let gmKick = try files.write("gm-kick", "#!/bin/sh\necho \"$@\" >> '\(kicks)'\n")
        chmod(gmKick, 0o755)

        let helloID = "HELLOmqbxyWm7oGTLoVqnpfnABFKDmABFKDm"
        let exit3ID = "EXIT3mqbxyWm7oGTLoVqnpfnABFKDmABFKDm"
        let sleepID = "SLEEPmqbxyWm7oGTLoVqnpfnABFKDmABFKDm"
        let lostID = "LOSTmmqbxyWm7oGTLoVqnpfnABFKDmABFKDm"
        let hello = try arc6.add(helloID, session: sessions + "/" + helloID, script: "sleep 1; echo hello",
                                 comment: "pod node-1: container exited\n")
        let exit3 = try arc7.add(exit3ID, session: sessions + "/" + exit3ID, script: "echo failing; exit 3")
        let sleeper = try arc6.add(sleepID, session: sessions + "/" + sleepID, script: "sleep 60")
        _ = try arc7.add(lostID, session: sessions + "/" + lostID, script: "true", jobID: "nosuchjob0000000")
        let unsubmitted = Self.read(hello)

        // Submit: the arkd id is appended to the GRAMI file, once.
        var ids: [String: String] = [:]
        for (id, grami, control) in [(helloID, hello, arc6), (exit3ID, exit3, arc7), (sleepID, sleeper, arc6)] {
            let submitted = try ArkctlProcess.run(["arc", "submit", "--config", conf, grami])
            #expect(submitted.status == 0, "\(submitted.stderr)")
            let localID = submitted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(localID.count == 16, "\(submitted.stdout)")
            let lines = (Self.read(grami) ?? "").split(separator: "\n").filter { $0.hasPrefix("joboption_jobid=") }
            #expect(lines == ["joboption_jobid=\(localID)"])
            ids[id] = localID
            try control.passToLRMS(id, localID: localID)
        }
        let again = try ArkctlProcess.run(["arc", "submit", "--config", conf, hello])
        #expect(again.status == 0 && again.stderr.contains("already names arkd job"), "\(again.stderr)")
        #expect((Self.read(hello) ?? "").components(separatedBy: "joboption_jobid=").count == 2, "no second id line")
        // A-REX restarted before the id was written: the grid id finds the same arkd job.
        let copy = try files.write("job.\(helloID).grami", unsubmitted ?? "")
        let resubmitted = try ArkctlProcess.run(["arc", "submit", "--config", conf, copy])
        #expect(resubmitted.status == 0 && resubmitted.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == ids[helloID])
        // A session directory outside gridSessionRoots: arkd's reason reaches stderr.
        let outside = try arc6.add("OUTSIDEbxyWm7oGTLoVqnpfnABFKDmABFKDm", session: root + "/elsewhere/x", script: "true")
        let refused = try ArkctlProcess.run(["arc", "submit", "--config", conf, "--retry-for", "0", outside])
        #expect(refused.status == 125, "\(refused.stderr)")
        #expect(refused.stderr.contains("\(outside):1:1: error: session directory '\(root)/elsewhere/x' is not below "
                                        + "a configured session root"), "\(refused.stderr)")
        #expect(!(Self.read(outside) ?? "").contains("joboption_jobid"))
        try FileManager.default.removeItem(atPath: arc6.status("OUTSIDEbxyWm7oGTLoVqnpfnABFKDmABFKDm"))
        try arc7.passToLRMS(lostID, localID: "nosuchjob0000000")

        // Cancel: the sleeping job; A-REX marks it CANCELING.
        _ = try Self.waitFor(try #require(ids[sleepID]), ["running"], server: server)
        let cancelled = try ArkctlProcess.run(["arc", "cancel", "--config", conf, sleeper])
        #expect(cancelled.status == 0, "\(cancelled.stderr)")
        try Self.write("CANCELING", to: arc6.status(sleepID))
        let finished = try Self.waitFor(try #require(ids[helloID]), ["finished", "failed"], server: server)
        #expect(finished["state"] as? String == "finished", "\(finished)")
        _ = try Self.waitFor(try #require(ids[exit3ID]), ["finished", "failed"], server: server)
        _ = try Self.waitFor(try #require(ids[sleepID]), ["killed"], server: server)
        // Nothing left to cancel: an ended job (409) and an unknown one (404) succeed.
        #expect(try ArkctlProcess.run(["arc", "cancel", "--config", conf, hello]).status == 0)
        let unknown = try ArkctlProcess.run(["arc", "cancel", "--config", conf, arc7.file(lostID, "grami")])
        #expect(unknown.status == 0, "\(unknown.stderr)")

        // arkd unreachable: nothing is written anywhere, and the exit status says "try again".
        let before = Self.snapshot(root + "/control6").merging(Self.snapshot(root + "/control7")) { $1 }
        let sessionsBefore = Self.snapshot(sessions)
        let down = try ArkctlProcess.run(["arc", "scan", "--config", conf, "--server", root + "/no-such.sock",
                                          "--gm-kick", gmKick, arc6.path, arc7.path])
        #expect(down.status == 3 && down.stderr.contains("nothing written"), "\(down.stderr)")
        #expect(Self.snapshot(root + "/control6").merging(Self.snapshot(root + "/control7")) { $1 } == before)
        #expect(Self.snapshot(sessions) == sessionsBefore)
        #expect(!FileManager.default.fileExists(atPath: kicks))

        // The scan: one lrms_done per ended job, with ARC's codes; accounting in .diag.
        let scan = try ArkctlProcess.run(["arc", "scan", "--config", conf, "--gm-kick", gmKick, arc6.path, arc7.path])
        #expect(scan.status == 0, "\(scan.stderr)")
        #expect(Self.read(arc6.file(helloID, "lrms_done")) == "0 Job finished successfully\n")
        #expect(Self.read(arc7.file(exit3ID, "lrms_done"))?.hasPrefix("3 ") == true)
        #expect(Self.read(arc6.file(sleepID, "lrms_done"))?.hasPrefix("271 ") == true)
        #expect(Self.read(arc7.file(lostID, "lrms_done")) == "-1 Job missing from arkd\n")
        let diag = try #require(Self.read(sessions + "/" + helloID + ".diag"))
        #expect(diag.hasPrefix("runtimeenvironments=\n") && diag.hasSuffix("exitcode=0\n"), "\(diag)")
        for key in ["nodename=", "Processors=2\n", "WallTime=", "UserTime=", "KernelTime=", "MaxResidentMemory=",
                    "LRMSStartTime=", "LRMSEndTime="] {
            #expect(diag.contains("\n" + key), "\(key) missing from \(diag)")
        }
        #expect(Self.read(sessions + "/" + exit3ID + ".diag")?.hasSuffix("exitcode=3\n") == true)
        let errors = try #require(Self.read(arc6.file(helloID, "errors")))
        #expect(errors.contains("------- Contents of output stream forwarded by the LRMS ---------\n"
                                + "pod node-1: container exited\n"
                                + "------------------------- End of output -------------------------\n"))
        #expect(Self.read(kicks) == "-j \(helloID) -j \(sleepID) \(arc6.file(helloID, "local"))\n"
                                   + "-j \(exit3ID) -j \(lostID) \(arc7.path)\n")

        // Another pass finds nothing left to report and writes nothing.
        let inodes = [arc6.file(helloID, "lrms_done"), arc7.file(exit3ID, "lrms_done")].map(Self.inode)
        let idle = try ArkctlProcess.run(["arc", "scan", "--config", conf, "--gm-kick", gmKick, arc6.path, arc7.path])
        #expect(idle.status == 0 && idle.stderr.isEmpty, "\(idle.stderr)")
        #expect([arc6.file(helloID, "lrms_done"), arc7.file(exit3ID, "lrms_done")].map(Self.inode) == inodes)
        #expect((Self.read(kicks) ?? "").split(separator: "\n").count == 2)

        // arcresume: A-REX rewrites the GRAMI file while .local still names the ended attempt; the
        // resumed attempt is a new arkd job, and repeating its submission finds it again.
        try Self.write(unsubmitted ?? "", to: hello)
        let resumed = try ArkctlProcess.run(["arc", "submit", "--config", conf, hello])
        let resumedID = resumed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(resumed.status == 0 && resumedID.count == 16 && resumedID != ids[helloID], "\(resumed.stderr)")
        try Self.write(unsubmitted ?? "", to: hello)
        let repeated = try ArkctlProcess.run(["arc", "submit", "--config", conf, hello])
        #expect(repeated.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == resumedID, "\(repeated.stderr)")
        #expect(try Self.waitFor(resumedID, ["finished", "failed"], server: server)["state"] as? String == "finished")
        #expect(daemon.stop() == 0)
    }

    /// The shipped `Scripts/submit-arkd-job`, run as A-REX runs it, with `arkctl` found through
    /// `ARKCTL`: the requested RTE (from `rte/enabled`, after its params file) and a default one.
    private static func submitScript(_ arguments: [String]) throws -> ArkctlProcess.Result {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scripts/submit-arkd-job").path
        return try ArkctlProcess.run(URL(fileURLWithPath: "/bin/sh"), [script] + arguments,
                                     environment: ["ARKCTL": ArkctlProcess.executable.path])
    }

    @Test("the submit script runs RTE stage 0 before arkd sees the job, and stages 1 and 2 around its payload")
    func runtimeEnvironments() throws {
        let ce = try ServedCE()
        let (root, sessions, daemon) = (ce.root, ce.sessions, ce.daemon)
        defer { _ = daemon.stop() }
        let conf = try ce.arexConfiguration()
        let control = try Control(root + "/control", nested: false)
        for directory in ["rte/enabled/ENV", "rte/default/SITE", "rte/params/ENV"] {
            try FileManager.default.createDirectory(atPath: control.path + "/" + directory, withIntermediateDirectories: true)
        }
        // Stage 0 adds an environment variable (a job option); stage 1 exports one from
        // its arguments and its params file; stage 2 leaves a file. The default RTE is empty.
        try Self.write(#"""
            if [ "x$1" = "x0" ]; then
                joboption_env_1="FROM_STAGE0=$2"
            elif [ "x$1" = "x1" ]; then
                export FROM_STAGE1="$2|$3|$PARAM"
            elif [ "x$1" = "x2" ]; then
                echo "stage 2 after $2" >stage2.txt
            fi

            """#, to: control.path + "/rte/enabled/ENV/TRACE")
        try Self.write("PARAM='from params'\n", to: control.path + "/rte/params/ENV/TRACE")
        try Self.write("", to: control.path + "/rte/default/SITE/EMPTY")
        let id = "RTEmmqbxyWm7oGTLoVqnpfnABFKDmABFKDmm"
        let session = sessions + "/" + id
        // The payload is a script of the session directory, named without a slash.
        let grami = try control.add(id, session: session, script: "unused")
        try Self.write("#!/bin/sh\necho \"$FROM_STAGE0 / $FROM_STAGE1 / $1\"; exit 3\n", to: session + "/payload.sh")
        chmod(session + "/payload.sh", 0o755)
        let options = (Self.read(grami) ?? "").replacingOccurrences(
            of: "joboption_arg_0='/bin/sh'\njoboption_arg_1='-c'\njoboption_arg_2='unused'\n",
            with: "joboption_arg_0='payload.sh'\njoboption_arg_1='two words'\n")
        try Self.write(options + "joboption_runtime_0='ENV/TRACE'\njoboption_runtime_0_1='a b'\n"
                       + "joboption_runtime_0_2='it'\\''s'\n", to: grami)

        let submitted = try Self.submitScript(["--config", conf, grami])
        #expect(submitted.status == 0, "\(submitted.stderr)")
        let localID = submitted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect((Self.read(grami) ?? "").hasSuffix("joboption_jobid=\(localID)\n"), "the GRAMI file gets the id, nothing else")
        #expect(!(Self.read(grami) ?? "").contains("joboption_runtime_1"))
        let job = try Self.waitFor(localID, ["finished", "failed"], server: daemon.clientOptions)
        #expect(job["exitCode"] as? Int == 3, "the payload's code, through the wrapper: \(job)")
        #expect(Self.read(session + "/out.txt") == "a b / a b|it's|from params / two words\n")
        #expect(Self.read(session + "/stage2.txt") == "stage 2 after a b\n")
        #expect(FileManager.default.fileExists(atPath: session + "/.arkd-rte-job.sh"))
        // Every RTE in order, the default one too, after the line A-REX wrote.
        #expect(Self.read(session + ".diag")?.hasPrefix("runtimeenvironments=\nruntimeenvironments=ENV/TRACE;SITE/EMPTY;\n") == true,
                "\(Self.read(session + ".diag") ?? "")")

        // A stage 0 that fails refuses the submission, with the RTE's name, and sends nothing.
        let failingID = "FAILRTEqbxyWm7oGTLoVqnpfnABFKDmABFKD"
        try Self.write("echo 'no such image' >&2; false\n", to: control.path + "/rte/enabled/ENV/BROKEN")
        let failing = try control.add(failingID, session: sessions + "/" + failingID, script: "true")
        try Self.write((Self.read(failing) ?? "") + "joboption_runtime_0='ENV/BROKEN'\n", to: failing)
        let refused = try Self.submitScript(["--config", conf, failing])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("no such image") && refused.stderr.contains("runtime environment ENV/BROKEN stage 0 failed"),
                "\(refused.stderr)")
        #expect(!(Self.read(failing) ?? "").contains("joboption_jobid"))
        #expect(daemon.stop() == 0)
    }

    @Test("a command started with every signal blocked, as A-REX starts it, still stops on SIGTERM")
    func signalMask() throws {
        let files = try DescriptionFiles()
        let grami = try files.write("job.MASKmqbxyWm7oGTL.grami", "joboption_directory='/tmp/x'\njoboption_arg_0='/bin/true'\n"
                                    + "joboption_gridid='MASKmqbxyWm7oGTL'\n")
        // The lab's shim: block everything, then exec (spec §3.1).
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/perl")
        process.arguments = ["-MPOSIX", "-e", "sigprocmask(SIG_BLOCK, POSIX::SigSet->new(1 .. 31)) or die; exec @ARGV or die",
                             ArkctlProcess.executable.path, "arc", "submit", "--retry-for", "60",
                             "--server", files.directory.path + "/no-such.sock", grami]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Retrying against the missing socket by now.
        usleep(1_500_000)
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(process.processIdentifier)/task")) ?? []
        let masks = tasks.compactMap { task in
            Self.read("/proc/\(process.processIdentifier)/task/\(task)/status")?.split(separator: "\n")
                .first { $0.hasPrefix("SigBlk:") }.map { $0.split(separator: "\t").last.map(String.init) ?? "" }
        }
        #expect(masks.contains("0000000000000000"), "no thread takes signals: \(masks)")
        let sent = ContinuousClock.now
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGTERM)
        #expect(ContinuousClock.now - sent < .seconds(5))
    }

    @Test("scans SIGKILLed at random instants, then a whole one: every job reported once, nothing written twice")
    func killedScans() throws {
        let ce = try ServedCE()
        let (root, sessions, daemon) = (ce.root, ce.sessions, ce.daemon)
        defer { _ = daemon.stop() }
        let server = daemon.clientOptions
        let control = try Control(root + "/control", nested: false)
        let seedID = "SEEDmmqbxyWm7oGTLoVqnpfnABFKDmABFKDm"
        let seed = try control.add(seedID, session: sessions + "/" + seedID, script: "echo seed")
        let submitted = try ArkctlProcess.run(["arc", "submit", seed] + server)
        let localID = submitted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(submitted.status == 0 && localID.count == 16, "\(submitted.stderr)")
        _ = try Self.waitFor(localID, ["finished"], server: server)
        try FileManager.default.removeItem(atPath: control.status(seedID))
        // Many grid jobs that arkd reports as that one job: each gets the whole treatment. Each round
        // adds jobs, then kills a scan at a random instant; what it left is for the later ones.
        let arguments = ["arc", "scan", "--gm-kick", root + "/no-gm-kick", control.path] + server
        var generator = SystemRandomNumberGenerator()
        var ids: [String] = []
        var progress: [String] = []
        for round in 0..<8 {
            let added = (0..<60).map { String(format: "K%d%03d", round, $0) + "mqbxyWm7oGTLoVqnpfnABFKDm" }
            for id in added {
                _ = try control.add(id, session: sessions + "/" + id, script: "true", comment: "output of \(id)\n",
                                    jobID: localID)
                try control.passToLRMS(id, localID: localID)
            }
            ids += added
            let scan = Process()
            scan.executableURL = ArkctlProcess.executable
            scan.arguments = arguments
            scan.standardError = FileHandle.nullDevice
            try scan.run()
            usleep(UInt32.random(in: 30_000...200_000, using: &generator))
            kill(scan.processIdentifier, SIGKILL)
            scan.waitUntilExit()
            let done = ids.filter { FileManager.default.fileExists(atPath: control.file($0, "lrms_done")) }.count
            progress.append("\(done)/\(ids.count)")
        }
        let last = try ArkctlProcess.run(arguments)
        #expect(last.status == 0, "\(last.stderr)")
        for id in ids {
            #expect(Self.read(control.file(id, "lrms_done")) == "0 Job finished successfully\n", "\(id)")
            let diag = Self.read(sessions + "/" + id + ".diag") ?? ""
            #expect(diag.components(separatedBy: "WallTime=").count == 2 && diag.hasSuffix("exitcode=0\n"), "\(id): \(diag)")
            let errors = Self.read(control.file(id, "errors")) ?? ""
            #expect(errors.components(separatedBy: "output of \(id)\n").count == 2, "\(id): \(errors)")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: control.path).filter { $0.hasSuffix(".arkd-tmp") }
        #expect(leftovers.isEmpty, "\(leftovers)")
        // How far the killed passes got, for the record.
        print("lrms_done files after each killed scan: \(progress)")
    }

    @Test("submit and cancel wait for arkd within --retry-for; the environment overrides arc.conf")
    func retries() throws {
        let files = try DescriptionFiles()
        let root = files.directory.path
        let sessions = try Self.sessionArea(files)
        let control = try Control(root + "/control", nested: true)
        let id = "RETRYqbxyWm7oGTLoVqnpfnABFKDmABFKDm"
        let grami = try control.add(id, session: sessions + "/" + id, script: "true")
        // Where the daemon will listen, and its token, before it runs.
        let socket = root + "/state/arkd.sock"
        let token = try files.write("token", "scan-token\n")
        let conf = try files.write("arex.cfg", "[custom:arkd]\nserver = \(socket)\ntokenfile = \(token)\n")

        // Nobody listens: bounded, then the transient status 3, and the reason on stderr.
        let started = ContinuousClock.now
        let refused = try ArkctlProcess.run(["arc", "cancel", "--config", conf, "--retry-for", "1",
                                             try files.write("job.X.grami", "joboption_jobid=abcdefabcdef0123\n")])
        #expect(refused.status == 3 && refused.stderr.contains("trying again") && refused.stderr.contains("cannot reach arkd"),
                "\(refused.stderr)")
        #expect(ContinuousClock.now - started < .seconds(15))

        // A submission started before the daemon gets through once it is up.
        let submit = Process()
        submit.executableURL = ArkctlProcess.executable
        submit.arguments = ["arc", "submit", "--config", conf, "--retry-for", "60", grami]
        let out = Pipe()
        submit.standardOutput = out
        submit.standardError = FileHandle.nullDevice
        try submit.run()
        usleep(1_000_000)
        let daemon = try Self.startArkd(files, sessions: sessions)
        defer { _ = daemon.stop() }
        submit.waitUntilExit()
        let localID = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(submit.terminationStatus == 0 && localID.count == 16)
        #expect(Self.read(grami)?.hasSuffix("joboption_jobid=\(localID)\n") == true)

        // $ARKD_SERVER beats the configuration's server: a scan pointed elsewhere writes nothing.
        try control.passToLRMS(id, localID: localID)
        let scan = Process()
        scan.executableURL = ArkctlProcess.executable
        scan.arguments = ["arc", "scan", "--config", conf, "--gm-kick", root + "/none", control.path]
        scan.environment = ProcessInfo.processInfo.environment.merging(["ARKD_SERVER": root + "/elsewhere.sock"]) { $1 }
        scan.standardError = FileHandle.nullDevice
        try scan.run()
        scan.waitUntilExit()
        #expect(scan.terminationStatus == 3)
        #expect(!FileManager.default.fileExists(atPath: control.file(id, "lrms_done")))
    }
}
