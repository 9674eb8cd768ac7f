/// How the server's certificate is checked.
///
/// Skipping verification has to be spelled out: a kubeconfig that asks for it is refused unless
/// the caller allows it, so a typo in a site configuration cannot silently disable TLS.
public enum TLSVerification: Sendable, Hashable {
    /// Trust the system's roots.
    case systemRoots
    /// Trust only this CA bundle (the cluster's CA).
    case certificateAuthority(PEMSource)
    /// Accept any certificate. For test clusters only.
    case insecureSkipVerify
}
