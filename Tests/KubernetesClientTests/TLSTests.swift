import Foundation
import NIOSSL
import Testing

@testable import KubernetesClient

@Suite("TLS with a cluster CA and client certificates")
struct TLSTests {
    /// A server that trusts only the test CA and requires a client certificate from it.
    static func serverTLS(_ certificates: TestCertificates) throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(certificates.serverCertificate).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: certificates.serverKey, format: .pem)))
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(certificates.caCertificate))
        tls.certificateVerification = .noHostnameVerification
        return tls
    }

    static func read(_ path: String) throws -> PEMSource {
        .data(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    @Test("the cluster CA and a client certificate from files get through")
    func mutualTLS() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        try await ReplayServer.with(tls: try Self.serverTLS(certificates), handler: { _, _ in
            try .recorded("30-exit3-04-get")
        }) { server in
            let pod = try await withClient(
                server, token: nil, tlsVerification: .certificateAuthority(.file(certificates.caCertificate)),
                clientIdentity: ClientIdentity(certificate: .file(certificates.clientCertificate),
                                               privateKey: .file(certificates.clientKey))
            ) { try await $0.getPod(name: "arkd-fx-exit3") }
            #expect(pod.metadata.name == "arkd-fx-exit3")
            #expect(await server.log.requests.first?.header("Authorization") == nil)
        }
    }

    @Test("the same with inline PEM data and a bearer token as well")
    func inlineData() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        try await ReplayServer.with(tls: try Self.serverTLS(certificates), handler: { _, _ in
            try .recorded("30-exit3-04-get")
        }) { server in
            _ = try await withClient(
                server, tlsVerification: .certificateAuthority(try Self.read(certificates.caCertificate)),
                clientIdentity: ClientIdentity(certificate: try Self.read(certificates.clientCertificate),
                                               privateKey: try Self.read(certificates.clientKey))
            ) { try await $0.getPod(name: "arkd-fx-exit3") }
            #expect(await server.log.requests.first?.header("Authorization") == "Bearer test-token")
        }
    }

    @Test("without a client certificate the handshake fails", arguments: [false, true])
    func refused(trustServer: Bool) async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        try await ReplayServer.with(tls: try Self.serverTLS(certificates), handler: { _, _ in
            try .recorded("30-exit3-04-get")
        }) { server in
            let verification: TLSVerification = trustServer ? .certificateAuthority(.file(certificates.caCertificate)) : .systemRoots
            let error = await #expect(throws: KubernetesError.self) {
                try await withClient(server, tlsVerification: verification, options: .test(maxAttempts: 1)) {
                    try await $0.getPod(name: "arkd-fx-exit3")
                }
            }
            #expect(error?.kind == .network)
            #expect(await server.log.requests.isEmpty)
        }
    }

    @Test("an unreadable CA or key fails when the client is made, naming the file")
    func badFiles() throws {
        let configuration = KubernetesConfiguration(
            server: try #require(URL(string: "https://127.0.0.1:6443")),
            tlsVerification: .certificateAuthority(.file("/nonexistent/ca.crt")))
        let error = #expect(throws: KubernetesConfigurationError.self) {
            _ = try KubernetesClient(configuration: configuration)
        }
        #expect(error?.message.contains("/nonexistent/ca.crt") == true)
        let garbage = KubernetesConfiguration(
            server: try #require(URL(string: "https://127.0.0.1:6443")),
            tlsVerification: .certificateAuthority(.data(Array("not a certificate".utf8))))
        #expect(throws: KubernetesConfigurationError.self) { _ = try KubernetesClient(configuration: garbage) }
    }
}
