import Foundation

/// A throw-away CA with a server certificate for 127.0.0.1 and a client certificate, made with
/// the `openssl` command at test time so no key material lives in the repository.
struct TestCertificates {
    let directory: TemporaryDirectory

    var caCertificate: String { directory.path + "/ca.crt" }
    var serverCertificate: String { directory.path + "/server.crt" }
    var serverKey: String { directory.path + "/server.key" }
    var clientCertificate: String { directory.path + "/client.crt" }
    var clientKey: String { directory.path + "/client.key" }

    init() throws {
        directory = try TemporaryDirectory()
        try directory.write("server.ext", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n")
        try directory.write("client.ext", "extendedKeyUsage=clientAuth\n")
        let key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try openssl(["req", "-x509"] + key + ["-keyout", "ca.key", "-out", "ca.crt", "-days", "1", "-subj", "/CN=test-ca",
                                              "-addext", "basicConstraints=critical,CA:TRUE",
                                              "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
        for (name, subject) in [("server", "/CN=127.0.0.1"), ("client", "/O=system:masters/CN=admin")] {
            try openssl(["req"] + key + ["-keyout", "\(name).key", "-out", "\(name).csr", "-subj", subject])
            try openssl(["x509", "-req", "-in", "\(name).csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                         "-out", "\(name).crt", "-days", "1", "-extfile", "\(name).ext"])
        }
    }

    func remove() {
        directory.remove()
    }

    private func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestCertificatesError(command: "openssl " + arguments.joined(separator: " "))
        }
    }
}

struct TestCertificatesError: Error, CustomStringConvertible {
    let command: String
    var description: String { "failed: \(command)" }
}
