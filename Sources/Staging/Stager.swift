import AsyncHTTPClient
import Logging

/// Moves one job's files: inputs into its session directory before it runs, outputs out of it
/// afterwards.
///
/// Every input is written under a hidden temporary name, verified and renamed (and fsync'd first
/// if `StagingConfiguration.syncInputsToDisk` says so), so a job never sees a partial or corrupt
/// file under the name it opens. Transient failures are retried
/// with jittered backoff; permanent ones (404, checksum mismatch, policy) fail at once with a
/// message naming the file. Files of one job move `perJobConcurrency` at a time, and a
/// `ConcurrencyLimiter` shared by all stagers bounds the daemon as a whole.
///
/// The stager owns no resources: the HTTP client and the limiter are the caller's, shared across
/// jobs. Build the client from `StagingConfiguration.makeHTTPClientConfiguration()` so redirect
/// counting and timeouts are the stager's.
public final class Stager: Sendable {
    public let configuration: StagingConfiguration
    let httpClient: HTTPClient
    let limiter: ConcurrencyLimiter
    let logger: Logger

    public init(configuration: StagingConfiguration = StagingConfiguration(), httpClient: HTTPClient,
                limiter: ConcurrencyLimiter, logger: Logger = Logger(label: "arkd.staging")) {
        self.configuration = configuration
        self.httpClient = httpClient
        self.limiter = limiter
        self.logger = logger
    }

    /// Places `inputs` in `directory` (the job's existing session directory) and returns them in
    /// the order given.
    ///
    /// Stops at the first permanent failure (or a transient one whose retries are used up),
    /// cancels the transfers still running and throws that failure: the job cannot start without
    /// all of its inputs. Files already staged are left in place; none is left half-written.
    public func stageIn(
        _ inputs: [InputRequest], into directory: String, progress: StagingProgressHandler? = nil
    ) async throws(StagingError) -> [StagedFile] {
        guard let first = inputs.first else { return [] }
        var names: [SessionName] = []
        var seen: Set<String> = []
        for input in inputs {
            let context = FileContext(input)
            do throws(TransferFailure) {
                let name = try SessionName(input.name)
                guard seen.insert(name.relativePath).inserted else {
                    throw TransferFailure(.invalidName("another input is also named '\(name.relativePath)'"))
                }
                names.append(name)
            } catch {
                throw context.error(error, attempts: 0)
            }
        }
        let session: SessionDirectory
        do throws(TransferFailure) {
            session = try await SessionDirectory.resolve(directory)
        } catch {
            throw FileContext(first).error(error, attempts: 0)
        }
        let jobs = Array(zip(inputs, names))
        let results = await forEachBounded(jobs, failFast: true) { job in
            await self.stageInput(job.0, name: job.1, session: session, progress: progress)
        }
        return try Self.collect(results)
    }

    /// Sends `outputs` from `directory` to their targets and returns them in the order given.
    ///
    /// Unlike `stageIn`, every output is attempted even after one fails, so the user gets all the
    /// results that could be saved; then the first failure (in request order) is thrown. An output
    /// with target `.keep` is only checked to exist. A missing output file is a permanent error
    /// naming it.
    public func stageOut(
        _ outputs: [OutputRequest], from directory: String, progress: StagingProgressHandler? = nil
    ) async throws(StagingError) -> [StagedOutput] {
        guard let first = outputs.first else { return [] }
        var names: [SessionName] = []
        for output in outputs {
            do throws(TransferFailure) {
                names.append(try SessionName(output.name))
            } catch {
                throw FileContext(output).error(error, attempts: 0)
            }
        }
        let session: SessionDirectory
        do throws(TransferFailure) {
            session = try await SessionDirectory.resolve(directory)
        } catch {
            throw FileContext(first).error(error, attempts: 0)
        }
        let jobs = Array(zip(outputs, names))
        let results = await forEachBounded(jobs, failFast: false) { job in
            await self.stageOutput(job.0, name: job.1, session: session, progress: progress)
        }
        return try Self.collect(results)
    }

    /// The values in order, or the first failure that is not a mere consequence of cancelling the
    /// rest after it.
    private static func collect<Output>(_ results: [Result<Output, StagingError>?]) throws(StagingError) -> [Output] {
        var values: [Output] = []
        var firstFailure: StagingError?
        for result in results {
            switch result {
            case .success(let value)?:
                values.append(value)
            case .failure(let error)?:
                if firstFailure == nil || (firstFailure?.kind == .cancelled && error.kind != .cancelled) {
                    firstFailure = error
                }
            case nil:
                continue
            }
        }
        if let firstFailure { throw firstFailure }
        return values
    }
}
