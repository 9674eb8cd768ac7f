import Foundation
import Testing

/// `arkd serve` as a process, and arkctl's client commands against it, as an operator would use them.
@Suite("arkctl client commands against arkd serve", .serialized, .timeLimit(.minutes(3)))
struct ClientCommandTests {
    /// `arkd serve` with an HTTPS listener on 127.0.0.1 besides its socket.
    private struct Daemon {
        let serve: ArkdServeProcess
        /// The HTTPS listener's port, and the self-signed certificate it presents.
        let httpsPort: Int
        let certificate: String

        var socket: String { serve.socket }
        var tokenFile: String { serve.tokenFile }

        init(files: DescriptionFiles) throws {
            certificate = files.directory.appendingPathComponent("tls.crt").path
            let key = files.directory.appendingPathComponent("tls.key").path
            try Self.makeCertificate(certificate, key: key)
            httpsPort = try Self.freePort()
            serve = try ArkdServeProcess(files: files, serverSettings: """
                  listen: {host: 127.0.0.1, port: \(httpsPort)}
                  tls: {certificateChain: \(certificate), privateKey: \(key)}
                """)
        }

        func waitUntilServing() throws { try serve.waitUntilServing() }

        func stop() -> Int32 { serve.stop() }

        /// A self-signed certificate for 127.0.0.1, made by openssl (which .ci/run installs).
        static func makeCertificate(_ certificate: String, key: String) throws {
            let openssl = Process()
            openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            openssl.arguments = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                                 "-keyout", key, "-out", certificate, "-days", "1", "-subj", "/CN=127.0.0.1",
                                 "-addext", "subjectAltName=IP:127.0.0.1"]
            openssl.standardOutput = FileHandle.nullDevice
            openssl.standardError = FileHandle.nullDevice
            try openssl.run()
            openssl.waitUntilExit()
            guard openssl.terminationStatus == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "openssl could not make a test certificate"])
            }
        }

        /// A port no one listens on now: the kernel's choice for a socket bound to port 0.
        static func freePort() throws -> Int {
            let descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(descriptor) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                    bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
                }
            }
            try #require(bound, "cannot find a free port")
            return Int(UInt16(bigEndian: address.sin_port))
        }
    }

    @Test("submit --wait, status, list, cat, events, info, cancel; SIGTERM stops arkd cleanly")
    func clientCommands() throws {
        let files = try DescriptionFiles()
        let daemon = try Daemon(files: files)
        defer { _ = daemon.stop() }
        try daemon.waitUntilServing()
        let server = daemon.serve.clientOptions

        let job = try files.write("hello.xrsl", #"&(executable=/bin/sh)(arguments="-c" "echo hi; exit 3")(stdout=out.txt)(jobname=hello)"#)
        let submitted = try ArkctlProcess.run(["submit", "--wait", job] + server)
        #expect(submitted.status == 3, "\(submitted.stderr)")
        let id = submitted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(id.count == 16, "\(submitted.stdout)")

        _ = try files.write("greeting.txt", "uploaded by arkctl\n")
        let uploading = try files.write("upload.xrsl", #"&(executable=/bin/cat)(arguments=greeting.txt)(stdout=out.txt)"#
                                        + #"(inputfiles=("greeting.txt" ""))"#)
        let uploaded = try ArkctlProcess.run(["submit", "--wait", uploading] + server)
        #expect(uploaded.status == 0, "\(uploaded.stderr)")
        let uploadedID = uploaded.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try ArkctlProcess.run(["cat", uploadedID] + server).stdout == "uploaded by arkctl\n")

        let status = try ArkctlProcess.run(["status", id, "-o", "json"] + server)
        #expect(status.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        let first = try #require((object["jobs"] as? [[String: Any]])?.first)
        #expect(first["state"] as? String == "finished" && first["exitCode"] as? Int == 3)
        #expect(try ArkctlProcess.run(["status", id, "nosuchjob"] + server).status == 1)

        let list = try ArkctlProcess.run(["list"] + server)
        #expect(list.stdout.contains(id) && list.stdout.contains("hello") && list.stdout.hasPrefix("ID"))
        let wide = try ArkctlProcess.run(["list", "-o", "wide"] + server)
        #expect(wide.stdout.contains("operator") && wide.stdout.contains("FINISHED"))

        let cat = try ArkctlProcess.run(["cat", id] + server)
        #expect(cat.status == 0 && cat.stdout == "hi\n")
        let logs = try ArkctlProcess.run(["logs", id, "out.txt"] + server)
        #expect(logs.stdout == "hi\n")
        let escape = try ArkctlProcess.run(["cat", id, "../x"] + server)
        #expect(escape.status == 1 && escape.stderr.contains("invalid_path"))

        let events = try ArkctlProcess.run(["events", id] + server)
        #expect(events.stdout.contains("running") && events.stdout.contains("finished"))
        let info = try ArkctlProcess.run(["info"] + server)
        #expect(info.stdout.contains("executor: local") && info.stdout.contains("default (default)"))

        let sleeper = try files.write("sleep.xrsl", "&(executable=/bin/sleep)(arguments=60)")
        let sleepID = try ArkctlProcess.run(["submit", sleeper] + server).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let watched = try ArkctlProcess.run(["watch", "--count", "1"] + server)
        #expect(watched.status == 0 && watched.stdout.contains("  \(sleepID)  -  new -> "), "\(watched.stdout)")
        let cancelled = try ArkctlProcess.run(["cancel", sleepID] + server)
        #expect(cancelled.status == 0 && cancelled.stdout.contains("cancel requested"), "\(cancelled.stderr)")

        let rejected = try ArkctlProcess.run(["submit", try files.write("bad.xrsl", "&(executable=/bin/true)\n(count=-1)")] + server)
        #expect(rejected.status == 125 && rejected.stderr.contains("bad.xrsl:2:2: error:"), "\(rejected.stderr)")
        let unauthenticated = try ArkctlProcess.run(["list", "--server", daemon.socket])
        #expect(unauthenticated.status == 4 && unauthenticated.stderr.contains("unauthenticated"))
        let unreachable = try ArkctlProcess.run(["list", "--server", files.directory.path + "/no-such.sock"])
        #expect(unreachable.status == 3 && unreachable.stderr.contains("cannot reach arkd"), "\(unreachable.stderr)")
        let https = ["--server", "https://127.0.0.1:\(daemon.httpsPort)", "--token-file", daemon.tokenFile]
        let overTLS = try ArkctlProcess.run(["status", id, "--ca-file", daemon.certificate] + https)
        #expect(overTLS.status == 0 && overTLS.stdout.contains(id), "\(overTLS.stderr)")
        let untrusted = try ArkctlProcess.run(["status", id] + https)
        #expect(untrusted.status == 3, "a self-signed certificate is not trusted without --ca-file: \(untrusted.stderr)")
        let completion = try ArkctlProcess.run(["--generate-completion-script", "bash"])
        #expect(completion.status == 0 && completion.stdout.contains("watch") && completion.stdout.contains("submit"))

        #expect(daemon.stop() == 0)
    }
}
