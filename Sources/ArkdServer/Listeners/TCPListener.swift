import ArkdEngine
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import ServiceLifecycle

/// The API on TCP: HTTPS with the configured certificate, or plain HTTP on loopback only (the
/// configuration refuses anything else).
enum TCPListener {
    static func make(_ listener: ServerSettings.Listener, tls: ServerSettings.TLSFiles?,
                     router: Router<ArkdRequestContext>, logger: Logger,
                     onListening: @escaping @Sendable (ListenerAddress) async -> Void) throws -> some Service {
        let server: HTTPServerBuilder
        if let tls {
            let chain: [NIOSSLCertificate]
            let key: NIOSSLPrivateKey
            do {
                chain = try NIOSSLCertificate.fromPEMFile(tls.certificateChain)
                key = try NIOSSLPrivateKey(file: tls.privateKey, format: .pem)
            } catch {
                throw ListenerError("cannot read the TLS certificate or key: \(error)")
            }
            let configuration = TLSConfiguration.makeServerConfiguration(
                certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
            server = try .tls(.http1(), tlsConfiguration: configuration)
        } else {
            server = .http1()
        }
        let secure = tls != nil
        return Application(
            router: router, server: server,
            configuration: ApplicationConfiguration(address: .hostname(listener.host, port: listener.port),
                                                    serverName: "arkd"),
            onServerRunning: { channel in
                let address = ListenerAddress.tcp(host: listener.host, port: channel.localAddress?.port ?? listener.port,
                                                  tls: secure)
                logger.info("listening", metadata: ["listener": "\(address)"])
                await onListening(address)
            },
            logger: logger)
    }
}
