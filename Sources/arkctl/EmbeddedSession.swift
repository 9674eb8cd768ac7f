import ArkdEngine
import Foundation
import JobDescriptions
import UnixSignals

/// Runs the in-process engine for `arkctl run` and `arkctl resume`: submits descriptions, follows
/// the chosen jobs to their ends while showing progress, and cancels them on Ctrl-C.
struct EmbeddedSession {
    var engine: Engine
    var progress: RunProgress

    /// A description to submit, with the file it came from (for messages and uploads).
    struct Description: Sendable {
        var file: String
        var bytes: [UInt8]
        var dialect: XRSLDialect
    }

    /// Submits `descriptions`, then drives the engine until those jobs (and, with
    /// `includeUnfinished`, every job an earlier run left unfinished) have ended. Returns nil when a
    /// description was rejected; nothing of that description is stored.
    func run(_ descriptions: [Description], includeUnfinished: Bool) async throws -> [JobRecord]? {
        let updates = engine.watch()
        let engine = self.engine
        return try await withThrowingTaskGroup(of: [JobRecord]?.self) { group in
            group.addTask {
                try await engine.run()
                return nil
            }
            var followed: [JobRecord] = includeUnfinished ? try await engine.store.unfinishedJobs() : []
            for description in descriptions {
                do {
                    let directory = URL(fileURLWithPath: description.file).standardizedFileURL.deletingLastPathComponent().path
                    followed += try await engine.submit(
                        JobSubmission(text: description.bytes, dialect: description.dialect, uploadDirectory: directory))
                } catch let rejection as DescriptionRejection {
                    FileHandle.standardError.write(Data(DiagnosticText.render(
                        rejection.diagnostics, file: description.file, source: SourceText(description.bytes)).utf8))
                    engine.shutdown()
                    group.cancelAll()
                    return nil
                }
            }
            let ids = Set(followed.map(\.id))
            progress.accepted(followed.filter { $0.state == .accepted })
            group.addTask {
                for await _ in await UnixSignalsSequence(trapping: .sigint, .sigterm) {
                    for id in ids { _ = try? await engine.cancel(id) }
                }
                return nil
            }
            var finals: [JobID: JobRecord] = [:]
            for id in ids {
                if let record = try await engine.store.job(id), record.state.isTerminal { finals[id] = record }
            }
            if finals.count < ids.count {
                for await update in updates where ids.contains(update.jobID) {
                    switch update {
                    case .state(let record):
                        progress.changed(record)
                        if record.state.isTerminal { finals[record.id] = record }
                    case .progress(let id, let transfer):
                        progress.transfer(id, transfer)
                    }
                    if finals.count == ids.count { break }
                }
            }
            engine.shutdown()
            group.cancelAll()
            return followed.compactMap { finals[$0.id] }
        }
    }
}
