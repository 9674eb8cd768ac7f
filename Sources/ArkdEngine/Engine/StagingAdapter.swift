import AsyncHTTPClient
import Foundation
import JobDescriptions
import Staging

/// Maps a job's description onto the Staging library: which files come from where, and which
/// outputs go where given how the job ended.
///
/// Relative submitter paths are read from the job's upload directory (where the description was);
/// absolute ones are `file://` reads, allowed only under the configured roots. Jobs A-REX handed
/// over (GRAMI) are not staged in: A-REX already placed their inputs.
public struct StagingAdapter: JobStaging {
    private let stager: Stager

    public init(stager: Stager) {
        self.stager = stager
    }

    public func stageIn(_ job: JobRecord, progress: @escaping @Sendable (TransferProgress) -> Void) async throws(StagingFailure) {
        guard job.description.gridJob == nil else { return }
        var requests: [InputRequest] = []
        for file in job.description.inputFiles {
            requests.append(try request(for: file, job: job))
        }
        guard !requests.isEmpty else { return }
        do {
            _ = try await stager.stageIn(requests, into: job.sessionDirectory) { update in
                progress(TransferProgress(file: update.name, bytes: update.bytes, totalBytes: update.totalBytes))
            }
        } catch {
            throw StagingFailure(error.description)
        }
    }

    public func stageOut(_ job: JobRecord, progress: @escaping @Sendable (TransferProgress) -> Void) async throws(StagingFailure) {
        var requests: [OutputRequest] = []
        for file in job.description.outputFiles {
            for target in file.targets where Self.applies(target, to: job.outcome) {
                requests.append(OutputRequest(name: file.name, target: .http(try Self.httpURL(target.location, for: file.name))))
            }
        }
        guard !requests.isEmpty else { return }
        do {
            _ = try await stager.stageOut(requests, from: job.sessionDirectory) { update in
                progress(TransferProgress(file: update.name, bytes: update.bytes, totalBytes: update.totalBytes))
            }
        } catch {
            throw StagingFailure(error.description)
        }
    }

    private func request(for file: InputFile, job: JobRecord) throws(StagingFailure) -> InputRequest {
        let checksum = try file.checksum.map { text throws(StagingFailure) in
            guard let checksum = Checksum(parsing: text) else {
                throw StagingFailure("input '\(file.name)': checksum '\(text)' is not algorithm:hex (adler32, md5, sha1, sha256)")
            }
            return checksum
        }
        switch file.source {
        case .submitter(let path):
            let local = path.isEmpty ? file.name : path
            if local.hasPrefix("/") {
                return InputRequest(name: file.name, source: .file(path: local), checksum: checksum, executable: file.executable)
            }
            guard let directory = job.uploadDirectory else {
                throw StagingFailure("input '\(file.name)' is to be uploaded by the submitter, but no file was uploaded")
            }
            return InputRequest(name: file.name, source: .upload(path: directory + "/" + local), checksum: checksum,
                                executable: file.executable)
        case .remote(let locations):
            guard let location = locations.first(where: { $0.scheme == "http" || $0.scheme == "https" }) else {
                let schemes = locations.map(\.scheme).joined(separator: ", ")
                throw StagingFailure("input '\(file.name)': arkd fetches http and https only, not \(schemes)")
            }
            return InputRequest(name: file.name, source: .http(try Self.httpURL(location, for: file.name)),
                                checksum: checksum, executable: file.executable)
        }
    }

    /// Whether an output target is used for this outcome (ADL's UseIfSuccess/Failure/Cancel;
    /// xRSL targets are for success only). Success means the payload exited 0, as in ARC.
    static func applies(_ target: OutputFile.Target, to outcome: JobOutcome?) -> Bool {
        switch outcome {
        case .exited(0)?: target.useIfSuccess
        case .killed?: target.useIfCancel
        default: target.useIfFailure
        }
    }

    /// The plain URL of an http(s) location; ARC transfer options have no meaning for HTTP.
    static func httpURL(_ location: DataLocation, for name: String) throws(StagingFailure) -> URL {
        guard location.scheme == "http" || location.scheme == "https" else {
            throw StagingFailure("'\(name)': arkd transfers over http and https only, not \(location.scheme)")
        }
        var text = location.scheme + "://" + location.host
        if let port = location.port { text += ":\(port)" }
        text += location.path.isEmpty ? "/" : location.path
        guard let url = URL(string: text) else { throw StagingFailure("'\(name)': '\(text)' is not a valid URL") }
        return url
    }
}
