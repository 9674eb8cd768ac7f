import Foundation
import Synchronization

/// One job's way from acceptance to its end: each step commits an event to the store, then does
/// what the committed state asks for.
extension Engine {
    func drive(_ id: JobID) async {
        guard claim(id) else { return }
        let mustPark = await driveClaimed(id)
        unclaim(id)
        if mustPark { await runSlots.park(id) }
    }

    /// Drives a job this task has claimed; true when it stopped for want of a run slot, so the
    /// caller parks it once the claim is given up.
    private func driveClaimed(_ id: JobID) async -> Bool {
        var holdsSlot = await runSlots.takeGrant(id)
        defer { cancelSignals.clear(id) }
        guard let record = await retrying({ try await self.store.job(id) }) ?? nil else {
            if holdsSlot { await runSlots.release() }
            return false
        }
        var current = record
        var action = record.state == .accepted ? .stageIn : record.machine.resumeAction
        if record.state == .accepted {
            guard let applied = await commit(.prepare, to: id) else {
                if holdsSlot { await runSlots.release() }
                return false
            }
            (current, action) = applied
        }
        var mustPark = false
        loop: while !Task.isCancelled {
            let needsSlot = action == .submit || action == .observe || action == .kill
            if needsSlot, !holdsSlot {
                guard await runSlots.tryAcquire(id) else {
                    mustPark = true
                    break loop
                }
                holdsSlot = true
            } else if !needsSlot, holdsSlot {
                await runSlots.release()
                holdsSlot = false
            }
            let next: (JobRecord, JobAction)?
            switch action {
            case .stageIn: next = await stageIn(current)
            case .submit: next = await submit(current)
            case .observe: next = await observe(current)
            case .kill:
                if let handle = current.executorHandle { await executor.cancel(request(for: current), handle: handle) }
                next = (current, .observe)
            case .stageOut: next = await stageOut(current)
            case .release:
                await executor.release(request(for: current), handle: current.executorHandle)
                logger.info("job ended", metadata: ["job.id": "\(id)", "job.state": "\(current.state.rawValue)"])
                break loop
            case .removeSession:
                try? FileManager.default.removeItem(atPath: current.sessionDirectory)
                discardUploads(of: current)
                break loop
            case .none, .reject:
                break loop
            }
            guard let next else { break loop }
            (current, action) = next
        }
        // A slot handed over while this driver ran (its job parked by an earlier one) is returned
        // unless the job parks again.
        if !holdsSlot, !mustPark, await runSlots.takeGrant(id) { holdsSlot = true }
        if holdsSlot { await runSlots.release() }
        return mustPark
    }

    /// Commits an event; retries while the store cannot be written, returns nil when the event was
    /// rejected (the job moved on meanwhile, e.g. it was cancelled) or the task was cancelled.
    func commit(_ event: JobEvent, to id: JobID,
                update: @escaping @Sendable (inout JobRecord) -> Void = { _ in }) async -> (JobRecord, JobAction)? {
        guard let applied = await retrying({ try await self.store.apply(event, to: id, update: update) }) else { return nil }
        if case .reject(let reason) = applied.action {
            logger.debug("event not applied", metadata: ["job.id": "\(id)", "reason": "\(reason)"])
            return nil
        }
        updates.publish(.state(applied.job))
        return (applied.job, applied.action)
    }

    /// Runs a store operation until it succeeds or the task is cancelled: a full disk or a locked
    /// database pauses progress, it never loses a job.
    func retrying<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async -> T? {
        var delay: Duration = .milliseconds(100)
        while !Task.isCancelled {
            do {
                return try await operation()
            } catch {
                logger.error("job store unavailable, retrying", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(30))
            }
        }
        return nil
    }

    private func stageIn(_ record: JobRecord) async -> (JobRecord, JobAction)? {
        if record.description.gridJob == nil {
            do {
                try FileManager.default.createDirectory(atPath: record.sessionDirectory, withIntermediateDirectories: true)
            } catch {
                return await commit(.stageInFailed(reason: "cannot create the session directory: \(error.localizedDescription)"), to: record.id)
            }
        }
        let result = Mutex<StagingFailure?>(nil)
        let completed = await cancelSignals.run(record.id) {
            do throws(StagingFailure) {
                try await self.staging.stageIn(record) { progress in
                    self.updates.publish(.progress(record.id, progress))
                }
            } catch {
                result.withLock { $0 = error }
            }
        }
        guard completed else { return nil }
        let next: (JobRecord, JobAction)?
        if let failure = result.withLock({ $0 }) {
            next = await commit(.stageInFailed(reason: failure.description), to: record.id)
        } else {
            next = await commit(.stagedIn, to: record.id)
        }
        if next != nil { discardUploads(of: record) }
        return next
    }

    private func submit(_ record: JobRecord) async -> (JobRecord, JobAction)? {
        while !Task.isCancelled {
            do {
                let handle = try await executor.submit(request(for: record))
                return await commit(.submitted, to: record.id) { $0.executorHandle = handle }
            } catch where error.isTransient {
                logger.warning("submission failed, retrying", metadata: ["job.id": "\(record.id)", "error": "\(error)"])
                try? await Task.sleep(for: configuration.retryDelay)
            } catch {
                return await commit(.submitFailed(reason: error.description), to: record.id)
            }
        }
        return nil
    }

    private func observe(_ record: JobRecord) async -> (JobRecord, JobAction)? {
        guard let handle = record.executorHandle else {
            return await commit(.lost(reason: "no executor handle was recorded for the job"), to: record.id)
        }
        while !Task.isCancelled {
            do {
                let result = try await executor.observe(request(for: record), handle: handle) {
                    _ = await self.commit(.started, to: record.id)
                }
                return await commit(.completed(result.outcome), to: record.id) { $0.accounting = result.accounting }
            } catch where error.isTransient {
                try? await Task.sleep(for: configuration.retryDelay)
            } catch {
                guard !Task.isCancelled else { return nil }
                return await commit(.lost(reason: error.description), to: record.id)
            }
        }
        return nil
    }

    private func stageOut(_ record: JobRecord) async -> (JobRecord, JobAction)? {
        do {
            try await staging.stageOut(record) { progress in self.updates.publish(.progress(record.id, progress)) }
            return await commit(.stagedOut, to: record.id)
        } catch {
            return await commit(.stageOutFailed(reason: error.description), to: record.id)
        }
    }
}
