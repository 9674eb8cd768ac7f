import ArgumentParser

/// `arkctl cancel`: asks the daemon to stop jobs.
struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel jobs.")

    @Argument(help: "Job ids.")
    var ids: [String]

    @OptionGroup var server: ServerOptions

    func validate() throws {
        guard !ids.isEmpty else { throw ValidationError("name at least one job id") }
    }

    func run() async throws {
        try await server.withClient { client in
            for id in ids {
                let job = try await client.cancel(id)
                print("\(job.id): \(job.state)\(job.cancelRequested ? ", cancel requested" : "")")
            }
        }
    }
}
