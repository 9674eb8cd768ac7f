import ArgumentParser
import Foundation
import JobDescriptions

/// `arkctl submit`: hands a description to the daemon and prints the new job ids.
struct SubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Submit a job description to arkd and print the job id(s).",
        discussion: """
            Inputs the description says the submitter uploads (relative paths) are read from beside \
            the description and sent with it. With --wait, follows the jobs to their ends and exits \
            like 'arkctl run'.
            """
    )

    @Argument(help: "The job description (xRSL, ADL or GRAMI).")
    var file: String

    @Option(help: "xRSL dialect: user or server.")
    var dialect: XRSLDialect = .user

    @Option(help: "A key that makes the submission idempotent: repeating it returns the first job.")
    var idempotencyKey: String?

    @Flag(help: "Wait until the jobs end; the exit status is the first unsuccessful job's.")
    var wait = false

    @OptionGroup var server: ServerOptions

    func run() async throws {
        let text = try DescriptionFile.read(file, limit: ParseLimits.standard.maxInputBytes)
        let uploads = try SubmitterUploads.read(for: text, dialect: dialect, descriptionFile: file)
        try await server.withClient { client in
            let submitted: RemoteJobList
            do {
                submitted = try await client.submit(text, dialect: dialect.rawValue, idempotencyKey: idempotencyKey,
                                                    uploads: uploads)
            } catch let error as ArkdClientError where !error.findings.isEmpty {
                let findings = error.findings.map { "\(file):\($0.line):\($0.column): \($0.severity): \($0.message)" }
                FileHandle.standardError.write(Data((findings.joined(separator: "\n") + "\n").utf8))
                throw ExitCode(125)
            }
            for job in submitted.jobs { print(job.id) }
            guard wait else { return }
            let ends = try await JobFollower(client: client).waitForEnds(submitted.jobs.map(\.id))
            for end in ends {
                FileHandle.standardError.write(Data("\(end.id): \(end.state)\(end.exitCode.map { " exit \($0)" } ?? "")\(end.reason.map { ", \($0)" } ?? "")\n".utf8))
            }
            if let failing = ends.map(RemoteExitStatus.of).first(where: { $0 != 0 }) { throw ExitCode(failing) }
        }
    }
}
