import ArgumentParser
import ARCIntegration
import Foundation

/// `arkctl arc submit`: A-REX's `submit-<lrms>-job` (spec §3.1). Runs as the job's mapped user.
///
/// The GRAMI text goes to arkd as it is (the daemon parses it and runs the job in the session
/// directory A-REX staged), keyed by the grid id so that a repeated submission (A-REX restarted,
/// or this command retried) finds the first job instead of starting a second; a resumed grid job
/// (whose earlier arkd job ended) gets a new one. Only once arkd has
/// accepted the job is `joboption_jobid=<arkd id>` appended to the GRAMI file, which is what
/// A-REX takes as success; a GRAMI file that already holds one was submitted before and is not
/// submitted again.
///
/// When the submit script ran the job's runtime environments (stage 0 may change any job option,
/// as in ARC's own backends), it passes the changed options with `--job-options`; the GRAMI file
/// still gives the job's identity and receives the id.
struct ArcSubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Submit A-REX's GRAMI file to arkd and record the arkd job id in it (submit-<lrms>-job).",
        discussion: """
            Exit status: 0 submitted (or submitted before); 125 arkd rejected the description (its \
            findings on stderr as file:line:column: error: message); 3 arkd unreachable or failing \
            for all of --retry-for; 1 any other refusal or file error; 4 no or insufficient token.
            """
    )

    @OptionGroup var job: ArcJobOptions

    @OptionGroup var arc: ArcOptions

    @Option(name: .customLong("job-options"),
            help: ArgumentHelp("The job options to send instead of the GRAMI file's (after RTE stage 0); '-' reads stdin.",
                               valueName: "file"))
    var jobOptions: String?

    func run() async throws {
        await ArcSignalMask.reset()
        let grami = job.grami
        let file: GRAMIFile
        do {
            file = try GRAMIFile.read(grami)
        } catch {
            throw ArcFailure.exit("submit", "\(error)", status: 1)
        }
        if let existing = file.localID {
            FileHandle.standardError.write(Data(
                "arkctl arc submit: \(grami) already names arkd job '\(existing)'; not submitting again\n".utf8))
            return
        }
        guard file.isJobOptions else {
            throw ArcFailure.exit("submit", "\(grami) does not hold A-REX job options (joboption_NAME=value lines)",
                                  status: 1)
        }
        guard let gridID = file.gridID ?? ControlDirectory.gridID(ofControlFile: grami) else {
            throw ArcFailure.exit("submit", "\(grami) has no joboption_gridid, and its name gives no grid id", status: 1)
        }
        let server = try arc.serverOptions()
        let bytes = try jobOptions.map(Self.readJobOptions) ?? file.bytes
        let retryFor = job.retryFor
        let id: String = try await server.withClient { client in
            var submitted: RemoteJobList
            do {
                // Each attempt's key follows from the job of the attempt before it. A-REX records an
                // attempt's arkd id as `localid=` in the job's .local file; when the user resumes
                // the job, the attempt found under a key may have ended: if it is the one A-REX
                // recorded, the resumed attempt is the next key's job. Without such a record
                // (A-REX restarted before this command recorded the id) the job found is the one
                // to report, even if it ended already, so no attempt ever runs twice.
                let recorded = ControlJob.recordedLocalID(besideGRAMI: grami)
                let submit = { @Sendable (key: String) async throws -> RemoteJobList in
                    try await ArcRetry.transient(for: retryFor, what: "submitting \(grami)") {
                        try await client.submit(bytes, dialect: "user", idempotencyKey: key)
                    }
                }
                submitted = try await submit("arc:\(gridID)")
                var passedRecorded = false
                for _ in 0..<100 {
                    guard !passedRecorded, let recorded, let found = submitted.jobs.first, found.isTerminal else { break }
                    passedRecorded = found.id == recorded
                    submitted = try await submit("arc:\(gridID):after:\(found.id)")
                }
            } catch let error as ArkdClientError where !error.findings.isEmpty {
                throw ArcFailure.exit("submit", "arkd rejected \(grami): \(error.message)", details: error.findings.map {
                    "\(grami):\($0.line):\($0.column): \($0.severity): \($0.message)"
                }, status: 125)
            } catch let error as ArkdClientError {
                throw ArcFailure.exit("submit", "arkd did not take \(grami): \(error)", status: error.exitStatus)
            }
            guard let job = submitted.jobs.first, submitted.jobs.count == 1 else {
                throw ArcFailure.exit("submit", "arkd made \(submitted.jobs.count) jobs of \(grami), not one", status: 1)
            }
            do {
                try GRAMIFile.appendJobID(job.id, to: grami)
            } catch {
                // A-REX will fail the job; arkd must not run it unseen.
                _ = try? await client.cancel(job.id)
                throw ArcFailure.exit("submit", "arkd job \(job.id) was cancelled: its id could not be recorded: \(error)",
                                      status: 1)
            }
            return job.id
        }
        print(id)
    }

    private static func readJobOptions(_ path: String) throws -> [UInt8] {
        let data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: path)
        guard let data, !data.isEmpty else {
            throw ArcFailure.exit("submit", "no job options in \(path == "-" ? "standard input" : path)", status: 1)
        }
        return Array(data)
    }
}
