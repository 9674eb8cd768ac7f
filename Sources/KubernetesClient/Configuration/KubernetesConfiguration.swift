import Foundation

/// How to reach one API server and who to be there. Build one directly, from a kubeconfig
/// (`Kubeconfig`), or in a pod (`inCluster`).
public struct KubernetesConfiguration: Sendable, Hashable {
    /// `https://host:port`, optionally with a path prefix (a proxy).
    public var server: URL
    public var tlsVerification: TLSVerification
    public var clientIdentity: ClientIdentity?
    public var token: BearerTokenSource?
    /// Used by every call that is not given a namespace.
    public var namespace: String

    public init(server: URL, tlsVerification: TLSVerification = .systemRoots, clientIdentity: ClientIdentity? = nil,
                token: BearerTokenSource? = nil, namespace: String = "default") {
        self.server = server
        self.tlsVerification = tlsVerification
        self.clientIdentity = clientIdentity
        self.token = token
        self.namespace = namespace
    }
}
