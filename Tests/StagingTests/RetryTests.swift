import Testing

@testable import Staging

@Suite("retry rules")
struct RetryTests {
    @Test("Retry-After in seconds and as an HTTP date")
    func retryAfter() {
        #expect(RetryAfter.parse("120") == .seconds(120))
        #expect(RetryAfter.parse(" 3 ") == .seconds(3))
        let now = RetryAfter.epochSeconds(imfFixdate: "Wed, 21 Oct 2015 07:28:00 GMT")
        #expect(now == 1_445_412_480)
        #expect(RetryAfter.parse("Wed, 21 Oct 2015 07:28:30 GMT", nowEpochSeconds: 1_445_412_480) == .seconds(30))
        #expect(RetryAfter.parse("Wed, 21 Oct 2015 07:27:00 GMT", nowEpochSeconds: 1_445_412_480) == .zero)
        #expect(RetryAfter.parse("soon") == nil)
        #expect(RetryAfter.parse("-5") == nil)
    }

    @Test("backoff grows, is capped, is jittered down only, and yields to Retry-After up to its cap")
    func backoff() {
        let policy = RetryPolicy(maxAttempts: 10, initialDelay: .seconds(1), maxDelay: .seconds(8), multiplier: 2,
                                 jitter: 0.5, maxRetryAfter: .seconds(60))
        for (attempt, full) in [(1, 1), (2, 2), (3, 4), (4, 8), (5, 8), (9, 8)] {
            let delay = policy.delay(after: attempt, retryAfter: nil)
            #expect(delay <= .seconds(full) && delay >= .seconds(full) / 2)
        }
        #expect(policy.delay(after: 1, retryAfter: .seconds(30)) == .seconds(30))
        #expect(policy.delay(after: 1, retryAfter: .seconds(3_600)) == .seconds(60))
    }

    @Test("which statuses are transient", arguments: [
        (404, false), (403, false), (400, false), (408, true), (429, true), (500, true), (502, true), (503, true),
        (501, false), (505, false),
    ])
    func transientStatuses(status: Int, transient: Bool) {
        let code: StagingError.Code = status == 404 ? .notFound(status: 404) : .httpStatus(status)
        #expect(code.isTransient == transient)
    }

    @Test("the message names direction, file, location, reason and attempts")
    func message() {
        let error = StagingError(.checksumMismatch(algorithm: .sha256, expected: "aa", actual: "bb"), direction: .input,
                                 fileName: "data.bin", location: "http://127.0.0.1:8080/data.bin", attempts: 3)
        #expect(error.description
            == "input 'data.bin' from http://127.0.0.1:8080/data.bin: checksum mismatch, sha256 expected aa, got bb (after 3 attempts)")
        #expect(error.reason == "checksum mismatch, sha256 expected aa, got bb")
        let output = StagingError(.timeout("no data moved for 60s"), direction: .output, fileName: "out",
                                  location: nil, attempts: 1)
        #expect(output.description == "output 'out': timed out: no data moved for 60s")
    }
}
