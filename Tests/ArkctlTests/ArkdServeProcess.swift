import Foundation
import Testing

/// `arkd serve` as its own process, as an operator runs it: a configuration file with one admin
/// token, whatever else a test adds, and SIGTERM to stop it.
final class ArkdServeProcess {
    let process = Process()
    let socket: String
    /// A file holding the admin token, for `--token-file`.
    let tokenFile: String
    let output = Pipe()

    /// - Parameters:
    ///   - settings: top-level YAML lines added to the configuration.
    ///   - serverSettings: lines added inside its `server:` block (indented by the caller).
    init(files: DescriptionFiles, token: String = "operator-token", owner: String = "operator",
         settings: String = "", serverSettings: String = "") throws {
        let state = files.directory.appendingPathComponent("state").path
        socket = state + "/arkd.sock"
        tokenFile = try files.write("token", token + "\n")
        let tokens = try files.write("tokens", "\(Self.sha256(token)) \(owner) admin\n")
        let config = try files.write("arkd.yaml", """
            stateDirectory: \(state)
            logLevel: warning
            \(settings)
            server:
              tokenFile: \(tokens)
            \(serverSettings)
            """)
        process.executableURL = ArkctlProcess.executable.deletingLastPathComponent().appendingPathComponent("arkd")
        process.arguments = ["serve", "--config", config]
        process.standardOutput = output
        process.standardError = output
        try process.run()
    }

    /// The arkctl options that reach this daemon.
    var clientOptions: [String] { ["--server", socket, "--token-file", tokenFile] }

    /// Waits until the daemon answers `arkctl info`.
    func waitUntilServing() throws {
        for _ in 0..<600 {
            if !process.isRunning { break }
            if FileManager.default.fileExists(atPath: socket),
               try ArkctlProcess.run(["info"] + clientOptions).status == 0 { return }
            usleep(100_000)
        }
        Issue.record("arkd did not start serving")
    }

    /// Stops the daemon with SIGTERM and returns its exit status.
    func stop() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// The token file's line for `text`, as `sha256sum` computes it (the tests need no crypto library).
    static func sha256(_ text: String) -> String {
        let shasum = Process()
        shasum.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        let input = Pipe()
        let out = Pipe()
        shasum.standardInput = input
        shasum.standardOutput = out
        try? shasum.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try? input.fileHandleForWriting.close()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        shasum.waitUntilExit()
        return String(String(decoding: data, as: UTF8.self).prefix(64))
    }
}
