import NIOSSL

extension KubernetesConfiguration {
    /// The TLS settings this configuration stands for; fails naming the file or the reason when a
    /// certificate or key cannot be read.
    func makeTLSConfiguration() throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch tlsVerification {
        case .systemRoots:
            break
        case .certificateAuthority(let source):
            let certificates: [NIOSSLCertificate]
            do {
                certificates = try NIOSSLCertificate.fromPEMBytes(try source.load())
            } catch let error as KubernetesConfigurationError {
                throw error
            } catch {
                throw KubernetesConfigurationError("the cluster CA is not a PEM certificate: \(error)")
            }
            guard !certificates.isEmpty else {
                throw KubernetesConfigurationError("the cluster CA holds no certificate")
            }
            tls.trustRoots = .certificates(certificates)
        case .insecureSkipVerify:
            tls.certificateVerification = .none
        }
        if let identity = clientIdentity {
            do {
                tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(try identity.certificate.load())
                    .map { .certificate($0) }
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: try identity.privateKey.load(), format: .pem))
            } catch let error as KubernetesConfigurationError {
                throw error
            } catch {
                throw KubernetesConfigurationError("the client certificate or key cannot be read: \(error)")
            }
        }
        return tls
    }
}
