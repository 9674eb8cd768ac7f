import ArgumentParser

/// `arkctl run`: runs a job description to its end on this machine with an in-process engine, so
/// anyone can try a real job with one command and no daemon or cluster.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a job description to its end with an in-process engine (local processes or Kubernetes pods).",
        discussion: """
            Exit status: the job's exit code when it finished (a signal N as 128+N, as shells do), \
            125 when it failed or the description was rejected, 130 when it was killed (Ctrl-C \
            cancels it). With several jobs in one description, the first job that did not succeed decides.
            """
    )

    @Argument(help: "The job description (xRSL, ADL or GRAMI).")
    var file: String

    @OptionGroup var options: EmbeddedOptions

    func run() async throws {
        try await options.execute(try options.descriptions([file]), includeUnfinished: false)
    }
}
