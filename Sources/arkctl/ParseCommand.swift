import ArgumentParser
import Foundation
import JobDescriptions

/// `arkctl parse`: reads job descriptions the way arkd will, without submitting anything, so users
/// and CE admins can see every problem before a job is accepted.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse and validate xRSL, ADL or GRAMI job descriptions.",
        discussion: """
            Exit status: 0 when every file was accepted, 1 when any was rejected, 2 for usage errors.
            The JSON format prints one object per file per line.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    @Option(help: "xRSL dialect: 'user' (bare times are minutes) or 'server' (seconds, as the ARC client writes for a CE).")
    var dialect: XRSLDialect = .user

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(name: .customLong("allow-scheme"), help: "Allow this URL scheme for staging (repeatable; replaces the standard list).")
    var allowedSchemes: [String] = []

    @Argument(help: "Job description files.")
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one job description file") }
    }

    func run() throws {
        var parser = JobDescriptionParser(dialect: dialect)
        if !allowedSchemes.isEmpty { parser.policy = ValidationPolicy(allowedSchemes: Set(allowedSchemes)) }
        var allAccepted = true
        for file in files {
            let outcome = ParseOutcome(file: file, parser: parser)
            allAccepted = allAccepted && outcome.isAccepted
            switch format {
            case .json: print(outcome.jsonLine())
            case .text: print(outcome.textReport(), terminator: "")
            }
        }
        if !allAccepted { throw ExitCode(1) }
    }
}

extension XRSLDialect: ExpressibleByArgument {}
