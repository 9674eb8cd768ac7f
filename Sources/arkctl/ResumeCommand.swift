import ArgumentParser

/// `arkctl resume`: finishes what an interrupted `arkctl run` left behind (its jobs are in the
/// store and resume where they stopped), optionally submitting more descriptions first.
struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Resume every unfinished job in the state directory (and submit FILEs), and wait for all of them.",
        discussion: "Exit status as for 'arkctl run', over all the jobs waited for."
    )

    @Argument(help: "Job descriptions to submit before waiting.")
    var files: [String] = []

    @OptionGroup var options: EmbeddedOptions

    func run() async throws {
        try await options.execute(try options.descriptions(files), includeUnfinished: true)
    }
}
