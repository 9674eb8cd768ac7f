import Foundation
import JobDescriptions

/// The result of parsing one file, ready to print in either format.
struct ParseOutcome {
    let file: String
    /// Nil when the file could not be read at all.
    let report: DescriptionReport?
    let readError: String?

    init(file: String, parser: JobDescriptionParser) {
        self.file = file
        do {
            let bytes = try DescriptionFile.read(file, limit: parser.limits.maxInputBytes)
            report = parser.analyse(bytes)
            readError = nil
        } catch {
            report = nil
            readError = "cannot read the file: \(error.localizedDescription)"
        }
    }

    var isAccepted: Bool { report?.isAccepted ?? false }

    var diagnostics: [Diagnostic] {
        report?.diagnostics ?? [.error(readError ?? "cannot read the file", at: .start)]
    }
}
