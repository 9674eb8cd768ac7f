import ArgumentParser

/// `arkctl arc`: the three programs A-REX runs for an LRMS (spec §3), for arkd. The site's
/// `submit-<lrms>-job`, `scan-<lrms>-job` and `cancel-<lrms>-job` scripts call these with the
/// arguments A-REX gave them.
struct ArcCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arc",
        abstract: "A-REX's LRMS backend: submit, scan and cancel grid jobs through arkd.",
        discussion: """
            The daemon's address and credentials come from the [custom:arkd] block of the ARC \
            configuration given with --config (keys server, tokenfile, cafile); --server, \
            --token-file, --ca-file and $ARKD_SERVER, $ARKD_TOKEN_FILE, $ARKD_CA_FILE override it. \
            Errors go to stderr, which A-REX appends to the job's errors file (submit, cancel) or to \
            its helper log (scan).
            """,
        subcommands: [ArcSubmitCommand.self, ArcScanCommand.self, ArcCancelCommand.self]
    )
}
