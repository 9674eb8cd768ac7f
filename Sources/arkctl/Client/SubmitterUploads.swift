import ArgumentParser
import Foundation
import JobDescriptions

/// The files a description says its submitter uploads, read from beside the description, so that
/// `arkctl submit` can send them with it (the daemon may run on another host).
enum SubmitterUploads {
    /// Each relative submitter path the description names, with its contents. A description that
    /// does not parse yields none: the daemon then reports its errors with their positions.
    static func read(for text: [UInt8], dialect: XRSLDialect, descriptionFile: String) throws -> [(path: String, bytes: [UInt8])] {
        let report = JobDescriptionParser(dialect: dialect).analyse(text)
        guard report.isAccepted else { return [] }
        let directory = URL(fileURLWithPath: descriptionFile).standardizedFileURL.deletingLastPathComponent().path
        var paths: [String] = []
        for parsed in report.jobs where parsed.job.gridJob == nil {
            for file in parsed.job.inputFiles {
                guard case .submitter(let path) = file.source else { continue }
                let local = path.isEmpty ? file.name : path
                if !local.hasPrefix("/"), !paths.contains(local) { paths.append(local) }
            }
        }
        return try paths.map { path in
            let url = URL(fileURLWithPath: directory + "/" + path)
            do {
                return (path, Array(try Data(contentsOf: url)))
            } catch {
                throw ValidationError("cannot read '\(url.path)', an input the description uploads: \(error.localizedDescription)")
            }
        }
    }
}
