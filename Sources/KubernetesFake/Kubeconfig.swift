import Foundation

/// A kubeconfig for the fake, so that `kubectl` and real clients can be pointed at it unchanged.
enum Kubeconfig {
    static func render(server: String, caPEM: String?, token: String?,
                       clientCertificate: TestCertificateAuthority.KeyPair?, namespace: String) -> String {
        func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
        var cluster = "    server: \(server)\n"
        if let caPEM { cluster += "    certificate-authority-data: \(base64(caPEM))\n" }
        var user = ""
        if let token { user += "    token: \(token)\n" }
        if let clientCertificate {
            user += "    client-certificate-data: \(base64(clientCertificate.certificatePEM))\n"
            user += "    client-key-data: \(base64(clientCertificate.privateKeyPEM))\n"
        }
        if user.isEmpty { user = "    {}\n" }
        return """
            apiVersion: v1
            kind: Config
            clusters:
            - name: fake
              cluster:
            \(cluster)contexts:
            - name: fake
              context:
                cluster: fake
                user: fake
                namespace: \(namespace)
            current-context: fake
            users:
            - name: fake
              user:
            \(user)
            """
    }
}
