import Staging
import Testing

@Suite("concurrency limits")
struct ConcurrencyTests {
    @Test("one job moves at most perJobConcurrency files at once")
    func perJobBound() async throws {
        try await StagingHarness.run { harness in
            let inputs = (0..<8).map {
                InputRequest(name: "f\($0)", source: .http(harness.server.url("/concurrent/f\($0)")))
            }
            let staged = try await harness.stager { $0.perJobConcurrency = 2 }.stageIn(inputs, into: harness.session)
            #expect(staged.map(\.name) == inputs.map(\.name))
            #expect(await harness.server.state.maxInFlight == 2)
        }
    }

    @Test("the shared limiter bounds several jobs together")
    func sharedBound() async throws {
        try await StagingHarness.run { harness in
            let limiter = ConcurrencyLimiter(limit: 3)
            let stager = harness.stager(limiter: limiter) { $0.perJobConcurrency = 4 }
            let first = try harness.scratch.makeDirectory("job1")
            let second = try harness.scratch.makeDirectory("job2")
            let inputs = (0..<6).map {
                InputRequest(name: "f\($0)", source: .http(harness.server.url("/concurrent/f\($0)")))
            }
            async let one = stager.stageIn(inputs, into: first)
            async let two = stager.stageIn(inputs, into: second)
            let results = try await (one, two)
            #expect(results.0.count == 6 && results.1.count == 6)
            let peak = await harness.server.state.maxInFlight
            #expect(peak <= 3)
            #expect(peak >= 2)
            #expect(await limiter.activeCount == 0)
        }
    }

    @Test("a waiter cancelled while waiting leaves the queue and holds no permit")
    func cancelledWaiter() async throws {
        let limiter = ConcurrencyLimiter(limit: 1)
        try await limiter.acquire()
        let waiter = Task { try await limiter.acquire() }
        try await Task.sleep(for: .milliseconds(50))
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        await limiter.release()
        #expect(await limiter.activeCount == 0)
        try await limiter.acquire()
        #expect(await limiter.activeCount == 1)
        await limiter.release()
    }

    @Test("withPermit returns its permit when the body throws")
    func withPermitReleases() async throws {
        let limiter = ConcurrencyLimiter(limit: 1)
        await #expect(throws: CancellationError.self) {
            try await limiter.withPermit { throw CancellationError() }
        }
        #expect(await limiter.activeCount == 0)
        #expect(try await limiter.withPermit { 42 } == 42)
    }

    @Test("permits are handed to waiters in arrival order")
    func fifo() async throws {
        let limiter = ConcurrencyLimiter(limit: 1)
        let order = OrderLog()
        try await limiter.acquire()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<3 {
                group.addTask {
                    try await limiter.acquire()
                    await order.append(index)
                    await limiter.release()
                }
                // Let each waiter queue up before the next one starts.
                try await Task.sleep(for: .milliseconds(30))
            }
            await limiter.release()
            try await group.waitForAll()
        }
        #expect(await order.values == [0, 1, 2])
    }
}

actor OrderLog {
    private(set) var values: [Int] = []
    func append(_ value: Int) { values.append(value) }
}
