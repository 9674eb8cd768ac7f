import Foundation
import JobDescriptions

/// Files uploaded with a submission: checked against the description's inputs before anything is
/// stored, and kept in `<stateDirectory>/uploads/<jobID>/` until the job's stage-in has used them.
extension Engine {
    /// Every relative submitter input must be uploaded, and every upload must be such an input.
    /// Submissions with an upload directory (`arkctl run`) and A-REX's jobs (inputs already in
    /// their session directory) bring their files otherwise.
    static func checkUploads(_ submission: JobSubmission, jobs: [ParsedJob]) throws(SubmissionRefusal) {
        guard submission.uploadDirectory == nil else { return }
        var wanted: Set<String> = []
        for parsed in jobs where parsed.job.gridJob == nil {
            for file in parsed.job.inputFiles {
                guard case .submitter(let path) = file.source else { continue }
                let local = path.isEmpty ? file.name : path
                if !local.hasPrefix("/") { wanted.insert(local) }
            }
        }
        var seen: Set<String> = []
        for upload in submission.uploads {
            guard wanted.contains(upload.path) else {
                throw SubmissionRefusal("the uploaded file '\(upload.path)' is not an input the description "
                                        + "says the submitter uploads", code: "invalid_upload")
            }
            guard seen.insert(upload.path).inserted else {
                throw SubmissionRefusal("the file '\(upload.path)' is uploaded twice", code: "invalid_upload")
            }
        }
        if let missing = wanted.subtracting(seen).sorted().first {
            throw SubmissionRefusal("the description says the submitter uploads '\(missing)', but the request carries "
                                    + "no such file (send it as a multipart/form-data part with that filename)",
                                    code: "invalid_upload")
        }
    }

    /// Where a job's uploads wait for its stage-in.
    func uploadDirectory(for id: JobID) -> String {
        configuration.stateDirectory + "/uploads/" + id.rawValue
    }

    /// Writes the uploads for a job about to be stored. The paths were matched against inputs the
    /// validator already confined to relative, non-climbing names.
    func writeUploads(_ uploads: [UploadedFile], for id: JobID) throws -> String {
        let directory = uploadDirectory(for: id)
        let manager = FileManager.default
        for upload in uploads {
            let path = directory + "/" + upload.path
            try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                        withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            guard manager.createFile(atPath: path, contents: Data(upload.bytes), attributes: [.posixPermissions: 0o600])
            else {
                throw SubmissionRefusal("cannot store the uploaded file '\(upload.path)' under \(directory)",
                                        code: "invalid_upload")
            }
        }
        return directory
    }

    /// Removes a job's uploads once its stage-in no longer needs them; only the engine's own
    /// upload directories, never a directory `arkctl run` named.
    func discardUploads(of record: JobRecord) {
        guard record.uploadDirectory == uploadDirectory(for: record.id) else { return }
        try? FileManager.default.removeItem(atPath: uploadDirectory(for: record.id))
    }
}
