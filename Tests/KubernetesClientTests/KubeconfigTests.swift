import Foundation
import Testing

@testable import KubernetesClient

@Suite("kubeconfig")
struct KubeconfigTests {
    static let yaml = """
        apiVersion: v1
        kind: Config
        current-context: admin@lab
        clusters:
        - name: lab
          cluster:
            server: https://10.0.0.1:6443
            certificate-authority-data: \(Data("CA PEM".utf8).base64EncodedString())
        - name: files
          cluster:
            server: https://k8s.example.org
            certificate-authority: pki/ca.crt
        - name: careless
          cluster:
            server: https://127.0.0.1:6443
            insecure-skip-tls-verify: true
        users:
        - name: admin
          user:
            client-certificate-data: \(Data("CERT".utf8).base64EncodedString())
            client-key-data: \(Data("KEY".utf8).base64EncodedString())
        - name: bridge
          user:
            token: abc.def
        - name: rotating
          user:
            tokenFile: secrets/token
        - name: filecert
          user:
            client-certificate: /etc/arkd/client.crt
            client-key: client.key
        - name: plugin
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: aws
        - name: halfcert
          user:
            client-certificate-data: \(Data("CERT".utf8).base64EncodedString())
        contexts:
        - name: admin@lab
          context: {cluster: lab, user: admin}
        - name: bridge@files
          context: {cluster: files, user: bridge, namespace: grid}
        - name: rotating
          context: {cluster: files, user: rotating}
        - name: filecert
          context: {cluster: files, user: filecert}
        - name: careless
          context: {cluster: careless, user: bridge}
        - name: plugin
          context: {cluster: lab, user: plugin}
        - name: halfcert
          context: {cluster: lab, user: halfcert}
        - name: anonymous
          context: {cluster: lab}
        - name: lost-cluster
          context: {cluster: nowhere, user: admin}
        - name: lost-user
          context: {cluster: lab, user: nobody}
        """

    static func config() throws -> Kubeconfig {
        try Kubeconfig(yaml: yaml, directory: "/home/grid/.kube")
    }

    @Test("current-context with inline base64 CA, certificate and key")
    func currentContext() throws {
        let configuration = try Self.config().configuration()
        #expect(configuration.server.absoluteString == "https://10.0.0.1:6443")
        #expect(configuration.tlsVerification == .certificateAuthority(.data(Array("CA PEM".utf8))))
        #expect(configuration.clientIdentity == ClientIdentity(certificate: .data(Array("CERT".utf8)),
                                                                privateKey: .data(Array("KEY".utf8))))
        #expect(configuration.token == nil)
        #expect(configuration.namespace == "default")
    }

    @Test("a chosen context with a token, a namespace and a relative CA path")
    func chosenContext() throws {
        let configuration = try Self.config().configuration(context: "bridge@files")
        #expect(configuration.token == .literal("abc.def"))
        #expect(configuration.namespace == "grid")
        #expect(configuration.tlsVerification == .certificateAuthority(.file("/home/grid/.kube/pki/ca.crt")))
    }

    @Test("token files and certificate files; relative paths against the kubeconfig's directory")
    func files() throws {
        let rotating = try Self.config().configuration(context: "rotating", tokenRefresh: .seconds(5))
        #expect(rotating.token == .file(path: "/home/grid/.kube/secrets/token", refreshAfter: .seconds(5)))
        let filecert = try Self.config().configuration(context: "filecert")
        #expect(filecert.clientIdentity == ClientIdentity(certificate: .file("/etc/arkd/client.crt"),
                                                           privateKey: .file("/home/grid/.kube/client.key")))
    }

    @Test("a context without a user is anonymous")
    func anonymous() throws {
        let configuration = try Self.config().configuration(context: "anonymous")
        #expect(configuration.token == nil)
        #expect(configuration.clientIdentity == nil)
    }

    @Test("insecure-skip-tls-verify only when allowed")
    func insecure() throws {
        #expect(throws: KubernetesConfigurationError.self) { try Self.config().configuration(context: "careless") }
        let allowed = try Self.config().configuration(context: "careless", allowInsecureSkipTLSVerify: true)
        #expect(allowed.tlsVerification == .insecureSkipVerify)
    }

    @Test("errors name what is missing", arguments: [
        ("nope", "context 'nope'"),
        ("lost-cluster", "cluster 'nowhere'"),
        ("lost-user", "user 'nobody'"),
        ("plugin", "exec"),
        ("halfcert", "no client key"),
    ])
    func errors(context: String, fragment: String) throws {
        let config = try Self.config()
        let error = #expect(throws: KubernetesConfigurationError.self) { try config.configuration(context: context) }
        #expect(error?.message.contains(fragment) == true)
    }

    @Test("no current-context and none chosen")
    func noContext() throws {
        let config = try Kubeconfig(yaml: "clusters: []\n", directory: "/")
        #expect(throws: KubernetesConfigurationError.self) { try config.configuration() }
    }

    @Test("text that is not a kubeconfig")
    func garbage() {
        #expect(throws: KubernetesConfigurationError.self) {
            try Kubeconfig(yaml: "clusters: [ {name: 1, cluster: 7} ]\n", directory: "/")
        }
    }

    @Test("load reads a file and resolves against its directory; KUBECONFIG is honoured")
    func load() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("config", Self.yaml)
        let config = try Kubeconfig.loadDefault(environment: ["KUBECONFIG": directory.path + "/config:/other"])
        #expect(config.directory == directory.path)
        let configuration = try config.configuration(context: "rotating")
        #expect(configuration.token == .file(path: directory.path + "/secrets/token", refreshAfter: .seconds(60)))
        #expect(throws: KubernetesConfigurationError.self) { try Kubeconfig.load(path: directory.path + "/missing") }
    }
}
