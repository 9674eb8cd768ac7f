import ArgumentParser

/// What `arkctl arc submit` and `cancel` both take: the job's GRAMI file, and how long to wait for
/// arkd (A-REX lets these scripts run for up to 10 minutes before it suspects them).
struct ArcJobOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("A-REX's job options file.", valueName: "controldir/job.ID.grami"))
    var grami: String

    @Option(help: ArgumentHelp("Seconds to keep retrying while arkd is unreachable or answers 5xx.",
                               valueName: "seconds"))
    var retryFor: Double = 120

    func validate() throws {
        guard retryFor >= 0 else { throw ValidationError("--retry-for must not be negative") }
    }
}
