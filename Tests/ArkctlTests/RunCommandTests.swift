import Foundation
import Testing

@Suite("arkctl run", .serialized)
struct RunCommandTests {
    private func run(_ files: DescriptionFiles, _ arguments: [String]) throws -> ArkctlProcess.Result {
        try ArkctlProcess.run(["run", "--state-dir", files.directory.appendingPathComponent("state").path] + arguments)
    }

    @Test("a job with an uploaded input runs, and --json reports id, state, exit code, accounting and session")
    func success() throws {
        let files = try DescriptionFiles()
        _ = try files.write("greeting.txt", "hello\n")
        let job = try files.write("hello.xrsl", #"""
            &(executable=/bin/sh)(arguments="-c" "tr a-z A-Z < greeting.txt > shout.txt")
             (inputfiles=("greeting.txt" "greeting.txt"))(outputfiles=("shout.txt" ""))
            """#)
        let result = try run(files, ["--json", job])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["state"] as? String == "finished" && object["exitCode"] as? Int == 0)
        #expect(object["reason"] is NSNull)
        let session = try #require(object["sessionDirectory"] as? String)
        #expect(try String(contentsOfFile: session + "/shout.txt", encoding: .utf8) == "HELLO\n")
        #expect((object["accounting"] as? [String: Any])?["nodeName"] is String)
        #expect(result.stderr.contains("INLRMS:R"))
    }

    @Test("exit statuses: the job's code, 128+N for a signal, 125 failed, 125 rejected")
    func exitStatuses() throws {
        let files = try DescriptionFiles()
        #expect(try run(files, [try files.write("three.xrsl", #"&(executable=/bin/sh)(arguments="-c" "exit 3")"#)]).status == 3)
        #expect(try run(files, [try files.write("signal.xrsl", #"&(executable=/bin/sh)(arguments="-c" "kill -TERM $$")"#)]).status == 143)
        let wall = try run(files, [try files.write("wall.xrsl", #"&(executable=/bin/sleep)(arguments=30)(walltime="1s")"#)])
        #expect(wall.status == 125)
        #expect(wall.stdout.contains("reason: wall time limit of 1 s exceeded"))
        let rejected = try run(files, [try files.write("bad.xrsl", "&(executable=/bin/true)\n(count=-1)")])
        #expect(rejected.status == 125)
        #expect(rejected.stderr.contains("bad.xrsl:2:2: error: count must be a positive number of slots, found -1"))
    }
}
