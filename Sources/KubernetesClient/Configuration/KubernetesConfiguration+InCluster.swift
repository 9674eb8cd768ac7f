import Foundation

extension KubernetesConfiguration {
    /// The service account's own directory in every pod that mounts its token.
    public static let serviceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// The configuration of a pod talking to its own cluster: `KUBERNETES_SERVICE_HOST` and
    /// `KUBERNETES_SERVICE_PORT`, and the service account's `token`, `ca.crt` and `namespace`.
    ///
    /// The token is a file source, so rotation by the kubelet is picked up. `environment` and
    /// `directory` are parameters so tests need no real pod.
    public static func inCluster(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        directory: String = serviceAccountDirectory,
        tokenRefresh: Duration = .seconds(60)
    ) throws -> KubernetesConfiguration {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
            let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty
        else {
            throw KubernetesConfigurationError(
                "not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must both be set")
        }
        let hostPart = host.contains(":") ? "[\(host)]" : host
        guard let server = URL(string: "https://\(hostPart):\(port)") else {
            throw KubernetesConfigurationError("'\(host)' and '\(port)' do not make a server URL")
        }
        let tokenPath = directory + "/token"
        let caPath = directory + "/ca.crt"
        guard FileManager.default.isReadableFile(atPath: tokenPath) else {
            throw KubernetesConfigurationError("no service account token at '\(tokenPath)'")
        }
        guard FileManager.default.isReadableFile(atPath: caPath) else {
            throw KubernetesConfigurationError("no cluster CA at '\(caPath)'")
        }
        let namespace = FileManager.default.contents(atPath: directory + "/namespace")
            .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
        return KubernetesConfiguration(
            server: server,
            tlsVerification: .certificateAuthority(.file(caPath)),
            token: .file(path: tokenPath, refreshAfter: tokenRefresh),
            namespace: namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        )
    }
}
