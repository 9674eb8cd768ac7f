import ArgumentParser
import ArkdEngine
import Foundation

/// Where the daemon is and how to prove who we are, shared by every client command.
struct ServerOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The daemon: a unix socket path or an https:// URL (default: $ARKD_SERVER, else <state-dir>/arkd.sock).",
        valueName: "path-or-url"))
    var server: String?

    @Option(help: "A file holding the bearer token (default: $ARKD_TOKEN_FILE; none: no Authorization header).")
    var tokenFile: String?

    @Option(help: ArgumentHelp(
        "PEM certificates to trust for an https:// server, instead of the system's (default: $ARKD_CA_FILE).",
        valueName: "file"))
    var caFile: String?

    /// These options with what neither they nor the environment give taken from a site's settings
    /// (for `arkctl arc`: the `[custom:arkd]` block of A-REX's arc.conf), which thus come after the
    /// command line and the environment and before the default.
    func filling(server fallbackServer: String?, tokenFile fallbackTokenFile: String?,
                 caFile fallbackCAFile: String?) -> ServerOptions {
        let environment = ProcessInfo.processInfo.environment
        var options = self
        if options.server == nil, environment["ARKD_SERVER"] == nil { options.server = fallbackServer }
        if options.tokenFile == nil, environment["ARKD_TOKEN_FILE"] == nil { options.tokenFile = fallbackTokenFile }
        if options.caFile == nil, environment["ARKD_CA_FILE"] == nil { options.caFile = fallbackCAFile }
        return options
    }

    /// The endpoint chosen by the options, the environment or the default.
    func endpoint() throws -> ArkdEndpoint {
        let environment = ProcessInfo.processInfo.environment
        let text = server ?? environment["ARKD_SERVER"] ?? EngineConfiguration.defaultStateDirectory + "/arkd.sock"
        if text.hasPrefix("https://") || text.hasPrefix("http://") {
            guard let url = URL(string: text), url.host != nil else {
                throw ValidationError("--server '\(text)' is not a URL")
            }
            return .url(text.hasSuffix("/") ? String(text.dropLast()) : text)
        }
        return .unixSocket(text.hasPrefix("unix:") ? String(text.dropFirst(5)) : text)
    }

    /// The token, read from the file and trimmed of surrounding white space.
    func token() throws -> String? {
        guard let path = tokenFile ?? ProcessInfo.processInfo.environment["ARKD_TOKEN_FILE"] else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read the token file '\(path)'")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw ValidationError("the token file '\(path)' is empty") }
        return token
    }

    /// Runs `body` with a client for the chosen daemon, shutting it down afterwards.
    func withClient<T>(_ body: (ArkdClient) async throws -> T) async throws -> T {
        let trust = caFile ?? ProcessInfo.processInfo.environment["ARKD_CA_FILE"]
        if let trust, !FileManager.default.isReadableFile(atPath: trust) {
            throw ValidationError("cannot read the CA file '\(trust)'")
        }
        let client = ArkdClient(endpoint: try endpoint(), token: try token(), trustedCertificates: trust)
        let result: Result<T, any Error>
        do {
            result = .success(try await body(client))
        } catch {
            result = .failure(error)
        }
        try await client.shutdown()
        return try result.get()
    }
}

/// How to reach the daemon.
enum ArkdEndpoint {
    case unixSocket(String)
    case url(String)
}
