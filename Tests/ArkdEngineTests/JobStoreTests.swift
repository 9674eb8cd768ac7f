import ArkdEngine
import Foundation
import JobDescriptions
import Testing

/// A store in a fresh temporary directory, removed when the test ends.
final class TemporaryStore {
    let directory: URL
    let path: String
    let store: JobStore

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("arkd-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("jobs.sqlite").path
        store = try JobStore(path: path)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    func record(key: String? = nil, text: String = "&(executable=/bin/true)") throws -> JobRecord {
        let job = try #require(try JobDescriptionParser().parse(Array(text.utf8)).first)
        let id = JobID.random()
        return JobRecord(id: id, clientKey: key, owner: "alice", queue: nil, language: .xrsl, description: job,
                         descriptionText: text, sessionDirectory: directory.appendingPathComponent(id.rawValue).path,
                         uploadDirectory: nil, now: Date())
    }
}

@Suite("job store")
struct JobStoreTests {
    @Test("a submitted job reads back whole, with its first history entry")
    func submitAndRead() async throws {
        let temporary = try TemporaryStore()
        let record = try temporary.record(text: #"&(executable=/bin/echo)(arguments="a b")(walltime=5)"#)
        let submission = try await temporary.store.submit(record)
        #expect(submission.created)
        let read = try #require(try await temporary.store.job(record.id))
        #expect(read.description == record.description && read.state == .accepted && read.owner == "alice")
        #expect(try await temporary.store.history(of: record.id).map(\.toState) == [.accepted])
    }

    @Test("a repeated client key returns the first job")
    func idempotentSubmission() async throws {
        let temporary = try TemporaryStore()
        let first = try await temporary.store.submit(try temporary.record(key: "grid-123"))
        let second = try await temporary.store.submit(try temporary.record(key: "grid-123"))
        #expect(!second.created && second.job.id == first.job.id)
        #expect(try await temporary.store.job(clientKey: "grid-123")?.id == first.job.id)
    }

    @Test("a batch is stored in one go, with the same client-key rules as single submissions")
    func batchSubmission() async throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let earlier = try await store.submit(try temporary.record(key: "grid-1")).job
        let batch = [
            try temporary.record(), try temporary.record(key: "grid-1"), try temporary.record(key: "grid-2"),
            try temporary.record(key: "grid-2"),
        ]
        let submissions = try await store.submit(contentsOf: batch)
        #expect(submissions.map(\.created) == [true, false, true, false])
        #expect(submissions[1].job.id == earlier.id && submissions[3].job.id == batch[2].id)
        #expect(try await store.countByState() == [.accepted: 3])
        for record in [batch[0], batch[2]] {
            #expect(try await store.job(record.id)?.description == record.description)
            #expect(try await store.history(of: record.id).map(\.toState) == [.accepted])
        }
        #expect(try await store.submit(contentsOf: []).isEmpty)
    }

    @Test("a batch with a failing insert stores none of its jobs")
    func batchIsAtomic() async throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let first = try temporary.record()
        var clash = try temporary.record()
        clash.id = first.id
        await #expect(throws: (any Error).self) { try await store.submit(contentsOf: [try temporary.record(), first, clash]) }
        #expect(try await store.countByState().isEmpty)
    }

    @Test("events move the job and are kept as history; rejected events change nothing")
    func transitions() async throws {
        let temporary = try TemporaryStore()
        let id = try await temporary.store.submit(try temporary.record()).job.id
        let store = temporary.store
        #expect(try await store.apply(.prepare, to: id).action == .stageIn)
        #expect(try await store.apply(.stagedIn, to: id).action == .submit)
        #expect(try await store.apply(.submitted, to: id) { $0.executorHandle = "pid:42" }.action == .observe)
        let rejected = try await store.apply(.prepare, to: id)
        guard case .reject = rejected.action else {
            Issue.record("prepare in queued was accepted")
            return
        }
        #expect(rejected.job.state == .queued)
        _ = try await store.apply(.completed(.exited(exitCode: 3)), to: id) {
            $0.accounting = Accounting(userCPUSeconds: 1.5, maxResidentKiB: 2048)
        }
        let done = try await store.apply(.stagedOut, to: id)
        #expect(done.job.state == .finished && done.job.exitCode == 3 && done.job.executorHandle == "pid:42")
        #expect(done.job.accounting?.maxResidentKiB == 2048)
        #expect(try await store.history(of: id).map(\.toState) == [.accepted, .preparing, .submitting, .queued, .finishing, .finished])
    }

    @Test("jobs survive reopening the file, and unfinished ones are found")
    func reopen() async throws {
        let temporary = try TemporaryStore()
        let running = try await temporary.store.submit(try temporary.record()).job.id
        let done = try await temporary.store.submit(try temporary.record()).job.id
        _ = try await temporary.store.apply(.prepare, to: running)
        _ = try await temporary.store.apply(.cancel, to: done)
        let reopened = try JobStore(path: temporary.path)
        #expect(try await reopened.unfinishedJobs().map(\.id) == [running])
        #expect(try await reopened.job(done)?.state == .killed)
        #expect(try await reopened.countByState() == [.preparing: 1, .killed: 1])
    }

    @Test("an unknown job is an error")
    func unknown() async throws {
        let temporary = try TemporaryStore()
        await #expect(throws: JobStoreError.self) { try await temporary.store.apply(.prepare, to: JobID.random()) }
    }

    @Test("job ids are DNS-label friendly and distinct")
    func jobIDs() {
        let ids = (0..<1000).map { _ in JobID.random() }
        #expect(Set(ids).count == 1000)
        #expect(ids.allSatisfy { $0.rawValue.count == 16 && JobID(rawValue: $0.rawValue) == $0 })
        #expect(JobID(rawValue: "UPPER") == nil && JobID(rawValue: "a/b") == nil)
    }
}
