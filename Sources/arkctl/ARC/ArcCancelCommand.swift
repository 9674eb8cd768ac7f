import ArgumentParser
import ARCIntegration
import Foundation

/// `arkctl arc cancel`: A-REX's `cancel-<lrms>-job` (spec §3.2). Runs as the job's mapped user.
///
/// Asks arkd to stop the job named by the GRAMI file's (first) `joboption_jobid` and exits; the
/// next scan writes `lrms_done`, which A-REX waits for. A job that has ended already (409) or that
/// arkd does not know (404) needs no cancelling: the scan reports it either way, so both succeed.
struct ArcCancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel the arkd job recorded in A-REX's GRAMI file (cancel-<lrms>-job).",
        discussion: """
            Exit status: 0 cancel requested, or nothing left to cancel; 3 arkd unreachable or \
            failing for all of --retry-for; 1 no arkd id in the file or another refusal; 4 no or \
            insufficient token.
            """
    )

    @OptionGroup var job: ArcJobOptions

    @OptionGroup var arc: ArcOptions

    func run() async throws {
        await ArcSignalMask.reset()
        let grami = job.grami
        let id: String
        do {
            guard let recorded = try GRAMIFile.read(grami).localID, !recorded.isEmpty else {
                throw ArcFailure.exit("cancel", "\(grami) holds no joboption_jobid: the job never reached arkd",
                                      status: 1)
            }
            id = recorded
        } catch let error as ARCFileError {
            throw ArcFailure.exit("cancel", "\(error)", status: 1)
        }
        let server = try arc.serverOptions()
        let retryFor = job.retryFor
        try await server.withClient { client in
            do {
                let job = try await ArcRetry.transient(for: retryFor, what: "cancelling arkd job \(id)") {
                    try await client.cancel(id)
                }
                FileHandle.standardError.write(Data("arkctl arc cancel: arkd job \(id): \(job.state), cancel requested\n".utf8))
            } catch let error as ArkdClientError where error.status == 404 || error.status == 409 {
                FileHandle.standardError.write(Data(
                    "arkctl arc cancel: arkd job \(id): nothing to cancel (\(error.message)); the scan reports it\n".utf8))
            } catch let error as ArkdClientError {
                throw ArcFailure.exit("cancel", "arkd job \(id) was not cancelled: \(error)", status: error.exitStatus)
            }
        }
    }
}
