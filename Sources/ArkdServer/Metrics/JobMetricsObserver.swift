import ArkdEngine
import Foundation
import ServiceLifecycle

/// Turns the engine's job updates into transition, staging and queue-wait metrics, so the engine
/// itself needs to know nothing about metrics.
struct JobMetricsObserver: Service {
    let engine: Engine
    let metrics: ArkdMetrics

    /// What is remembered of a live job between updates.
    private struct Seen {
        var state: JobState
        var since: ContinuousClock.Instant
        var bytesByFile: [String: Int64] = [:]
    }

    func run() async {
        var jobs: [JobID: Seen] = [:]
        for await update in engine.watch().cancelOnGracefulShutdown() {
            let now = ContinuousClock.now
            switch update {
            case .state(let record):
                let previous = jobs[record.id]
                if previous?.state == record.state { continue }
                metrics.transition(to: record.state)
                if record.state == .running, let previous, previous.state == .submitting || previous.state == .queued {
                    metrics.queueWait(now - previous.since)
                }
                if record.state == .failed, let previous {
                    if previous.state == .preparing { metrics.stagingFailed(direction: .stageIn) }
                    if previous.state == .finishing { metrics.stagingFailed(direction: .stageOut) }
                }
                if record.state.isTerminal {
                    jobs[record.id] = nil
                } else {
                    let keepsSince = record.state == .queued && previous?.state == .submitting
                    jobs[record.id] = Seen(state: record.state, since: keepsSince ? previous?.since ?? now : now)
                }
            case .progress(let id, let transfer):
                guard var seen = jobs[id] else { continue }
                let delta = transfer.bytes - (seen.bytesByFile[transfer.file] ?? 0)
                seen.bytesByFile[transfer.file] = transfer.bytes
                jobs[id] = seen
                if delta > 0 {
                    metrics.staged(bytes: delta, direction: seen.state == .finishing ? .stageOut : .stageIn)
                }
            }
        }
    }
}
