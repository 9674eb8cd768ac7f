import Foundation
import JobDescriptions

/// The JSON Lines form of `arkctl parse --format json` (shared job-json format).
extension ParseOutcome {
    private struct Line: Encodable {
        struct Finding: Encodable {
            var line: Int
            var column: Int
            var message: String
        }

        var file: String
        var language: String?
        var status: String
        var errors: [Finding]
        var warnings: [Finding]
        var jobs: [CanonicalJob]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(file, forKey: .file)
            try container.encode(language, forKey: .language)
            try container.encode(status, forKey: .status)
            try container.encode(errors, forKey: .errors)
            try container.encode(warnings, forKey: .warnings)
            try container.encode(jobs, forKey: .jobs)
        }

        enum CodingKeys: String, CodingKey { case file, language, status, errors, warnings, jobs }
    }

    func jsonLine() -> String {
        func findings(_ severity: Diagnostic.Severity) -> [Line.Finding] {
            diagnostics.filter { $0.severity == severity }.map {
                Line.Finding(line: $0.position.line, column: $0.position.column, message: $0.message)
            }
        }
        let line = Line(
            file: file, language: report?.language?.rawValue, status: isAccepted ? "ok" : "error",
            errors: findings(.error), warnings: findings(.warning),
            jobs: (report?.jobs ?? []).map { CanonicalJob($0.job) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        guard let data = try? encoder.encode(line) else {
            return #"{"file":null,"language":null,"status":"error","errors":[{"line":1,"column":1,"message":"internal: cannot encode the result"}],"warnings":[],"jobs":[]}"#
        }
        return String(decoding: data, as: UTF8.self)
    }
}
