import Foundation
import Yams

/// A kubeconfig file (`~/.kube/config`): clusters, users and the contexts that pair them.
///
/// Only what a batch daemon needs is understood: server URL, CA, client certificate and key
/// (paths or inline base64), bearer token or token file, namespace. Exec and auth-provider plugins
/// are refused with a message rather than silently ignored.
public struct Kubeconfig: Sendable {
    public let currentContext: String?
    /// Relative paths in the file are resolved against this directory, as kubectl does.
    public let directory: String
    let clusters: [String: Cluster]
    let users: [String: User]
    let contexts: [String: Context]

    /// Every context's name, sorted.
    public var contextNames: [String] { contexts.keys.sorted() }

    /// Parses kubeconfig text; `directory` is where its relative paths start.
    public init(yaml: String, directory: String) throws {
        let file: File
        do {
            file = try YAMLDecoder().decode(File.self, from: yaml)
        } catch {
            throw KubernetesConfigurationError("the kubeconfig is not valid: \(error)")
        }
        currentContext = file.currentContext.flatMap { $0.isEmpty ? nil : $0 }
        self.directory = directory
        clusters = Dictionary(file.clusters?.map { ($0.name, $0.cluster) } ?? [], uniquingKeysWith: { first, _ in first })
        users = Dictionary(file.users?.map { ($0.name, $0.user ?? User()) } ?? [], uniquingKeysWith: { first, _ in first })
        contexts = Dictionary(file.contexts?.map { ($0.name, $0.context) } ?? [], uniquingKeysWith: { first, _ in first })
    }

    /// Reads the kubeconfig at `path`.
    public static func load(path: String) throws -> Kubeconfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KubernetesConfigurationError("cannot read the kubeconfig '\(path)'")
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try Kubeconfig(yaml: String(decoding: data, as: UTF8.self), directory: directory)
    }

    /// The first file named by `KUBECONFIG`, else `~/.kube/config`.
    public static func loadDefault(environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> Kubeconfig
    {
        if let list = environment["KUBECONFIG"], let first = list.split(separator: ":").first {
            return try load(path: String(first))
        }
        guard let home = environment["HOME"] else {
            throw KubernetesConfigurationError("neither KUBECONFIG nor HOME is set")
        }
        return try load(path: home + "/.kube/config")
    }

    /// The configuration of `context` (default: the file's `current-context`).
    ///
    /// - Parameter allowInsecureSkipTLSVerify: a cluster with `insecure-skip-tls-verify: true` is
    ///   refused unless this is true.
    public func configuration(context name: String? = nil, allowInsecureSkipTLSVerify: Bool = false,
                              tokenRefresh: Duration = .seconds(60)) throws -> KubernetesConfiguration {
        guard let contextName = name ?? currentContext else {
            throw KubernetesConfigurationError("no context was chosen and the kubeconfig has no current-context")
        }
        guard let context = contexts[contextName] else {
            throw KubernetesConfigurationError(
                "context '\(contextName)' is not in the kubeconfig (it has: \(contextNames.joined(separator: ", ")))")
        }
        guard let cluster = clusters[context.cluster] else {
            throw KubernetesConfigurationError("cluster '\(context.cluster)' of context '\(contextName)' is not in the kubeconfig")
        }
        var user = User()
        if let userName = context.user, !userName.isEmpty {
            guard let found = users[userName] else {
                throw KubernetesConfigurationError("user '\(userName)' of context '\(contextName)' is not in the kubeconfig")
            }
            user = found
        }
        guard let serverText = cluster.server, let server = URL(string: serverText), server.host != nil else {
            throw KubernetesConfigurationError("cluster '\(context.cluster)' has no valid server URL")
        }
        return KubernetesConfiguration(
            server: server,
            tlsVerification: try verification(of: cluster, named: context.cluster, allowInsecure: allowInsecureSkipTLSVerify),
            clientIdentity: try identity(of: user, named: context.user ?? ""),
            token: try token(of: user, named: context.user ?? "", refresh: tokenRefresh),
            namespace: context.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        )
    }

    private func verification(of cluster: Cluster, named name: String, allowInsecure: Bool) throws -> TLSVerification {
        if cluster.insecureSkipTLSVerify == true {
            guard allowInsecure else {
                throw KubernetesConfigurationError(
                    "cluster '\(name)' sets insecure-skip-tls-verify, which is refused unless explicitly allowed")
            }
            return .insecureSkipVerify
        }
        if let source = try pem(data: cluster.certificateAuthorityData, file: cluster.certificateAuthority,
                                what: "certificate-authority-data of cluster '\(name)'") {
            return .certificateAuthority(source)
        }
        return .systemRoots
    }

    private func identity(of user: User, named name: String) throws -> ClientIdentity? {
        let certificate = try pem(data: user.clientCertificateData, file: user.clientCertificate,
                                  what: "client-certificate-data of user '\(name)'")
        let key = try pem(data: user.clientKeyData, file: user.clientKey, what: "client-key-data of user '\(name)'")
        switch (certificate, key) {
        case (nil, nil): return nil
        case (let certificate?, let key?): return ClientIdentity(certificate: certificate, privateKey: key)
        case (_?, nil): throw KubernetesConfigurationError("user '\(name)' has a client certificate but no client key")
        case (nil, _?): throw KubernetesConfigurationError("user '\(name)' has a client key but no client certificate")
        }
    }

    private func token(of user: User, named name: String, refresh: Duration) throws -> BearerTokenSource? {
        if let token = user.token, !token.isEmpty { return .literal(token) }
        if let file = user.tokenFile, !file.isEmpty { return .file(path: resolve(file), refreshAfter: refresh) }
        if user.exec != nil || user.authProvider != nil, user.clientCertificate == nil, user.clientCertificateData == nil {
            throw KubernetesConfigurationError(
                "user '\(name)' authenticates with an exec or auth-provider plugin, which is not supported; use a token, token file or client certificate")
        }
        return nil
    }

    private func pem(data: String?, file: String?, what: String) throws -> PEMSource? {
        if let data, !data.isEmpty {
            guard let bytes = Data(base64Encoded: data, options: .ignoreUnknownCharacters) else {
                throw KubernetesConfigurationError("\(what) is not base64")
            }
            return .data(Array(bytes))
        }
        if let file, !file.isEmpty { return .file(resolve(file)) }
        return nil
    }

    private func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : directory + "/" + path
    }
}

extension Kubeconfig {
    struct File: Decodable {
        var currentContext: String?
        var clusters: [Named<Cluster>]?
        var users: [NamedUser]?
        var contexts: [NamedContext]?

        enum CodingKeys: String, CodingKey {
            case currentContext = "current-context"
            case clusters, users, contexts
        }
    }

    struct Named<Value: Decodable>: Decodable {
        var name: String
        var cluster: Value
    }

    struct NamedUser: Decodable {
        var name: String
        var user: User?
    }

    struct NamedContext: Decodable {
        var name: String
        var context: Context
    }

    struct Cluster: Decodable, Sendable {
        var server: String?
        var certificateAuthority: String?
        var certificateAuthorityData: String?
        var insecureSkipTLSVerify: Bool?

        enum CodingKeys: String, CodingKey {
            case server
            case certificateAuthority = "certificate-authority"
            case certificateAuthorityData = "certificate-authority-data"
            case insecureSkipTLSVerify = "insecure-skip-tls-verify"
        }
    }

    struct User: Decodable, Sendable {
        var clientCertificate: String?
        var clientCertificateData: String?
        var clientKey: String?
        var clientKeyData: String?
        var token: String?
        var tokenFile: String?
        var exec: Present?
        var authProvider: Present?

        enum CodingKeys: String, CodingKey {
            case clientCertificate = "client-certificate"
            case clientCertificateData = "client-certificate-data"
            case clientKey = "client-key"
            case clientKeyData = "client-key-data"
            case token, tokenFile
            case exec
            case authProvider = "auth-provider"
        }
    }

    struct Context: Decodable, Sendable {
        var cluster: String
        var user: String?
        var namespace: String?
    }

    /// A field whose presence matters but whose content is not read.
    struct Present: Decodable, Sendable {
        init(from decoder: any Decoder) throws {}
    }
}
