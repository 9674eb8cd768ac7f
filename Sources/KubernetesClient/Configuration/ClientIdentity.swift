/// A client certificate and its private key, for clusters that authenticate by certificate
/// (kubeadm's admin kubeconfig does).
public struct ClientIdentity: Sendable, Hashable {
    /// The certificate chain, leaf first.
    public var certificate: PEMSource
    public var privateKey: PEMSource

    public init(certificate: PEMSource, privateKey: PEMSource) {
        self.certificate = certificate
        self.privateKey = privateKey
    }
}
