import Crypto
import Foundation
import NIOSSL
import SwiftASN1
import X509

/// A throw-away certificate authority made at start, so the fake can speak TLS with client
/// certificates like a real API server without any key material on disk or in the repository.
public struct TestCertificateAuthority: Sendable {
    /// A certificate and its private key, both PEM.
    public struct KeyPair: Sendable {
        public let certificatePEM: String
        public let privateKeyPEM: String
    }

    /// The CA certificate clients must trust (`certificate-authority-data` in a kubeconfig).
    public let certificatePEM: String
    private let key: Certificate.PrivateKey
    private let name: DistinguishedName

    public init() throws {
        let signingKey = P256.Signing.PrivateKey()
        key = Certificate.PrivateKey(signingKey)
        name = try DistinguishedName { CommonName("arkd fake kubernetes CA") }
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(signingKey.publicKey),
            notValidBefore: Date().addingTimeInterval(-3600), notValidAfter: Date().addingTimeInterval(86400 * 365),
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: key)
        certificatePEM = try certificate.serializeAsPEM().pemString
    }

    /// The API server's certificate, valid for `127.0.0.1` and `localhost`.
    func serverKeyPair() throws -> KeyPair {
        try issue(subject: DistinguishedName { CommonName("kube-apiserver") }, usage: .serverAuth,
                  alternativeNames: [.dnsName("localhost"), .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1]))])
    }

    /// A client certificate the way Kubernetes reads one: the common name is the user, each
    /// organization a group (`system:masters` makes it an administrator).
    public func clientKeyPair(user: String, groups: [String]) throws -> KeyPair {
        let subject = try DistinguishedName {
            for group in groups { OrganizationName(group) }
            CommonName(user)
        }
        return try issue(subject: subject, usage: .clientAuth, alternativeNames: [])
    }

    private func issue(subject: DistinguishedName, usage: ExtendedKeyUsage.Usage,
                       alternativeNames: [GeneralName]) throws -> KeyPair {
        let leafKey = P256.Signing.PrivateKey()
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(leafKey.publicKey),
            notValidBefore: Date().addingTimeInterval(-3600), notValidAfter: Date().addingTimeInterval(86400 * 30),
            issuer: name, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                try ExtendedKeyUsage([usage])
                if !alternativeNames.isEmpty { SubjectAlternativeNames(alternativeNames) }
            },
            issuerPrivateKey: key)
        return KeyPair(certificatePEM: try certificate.serializeAsPEM().pemString,
                       privateKeyPEM: leafKey.pemRepresentation)
    }

    /// The server-side TLS configuration: client certificates are optional (bearer tokens and
    /// anonymous requests come without one) but must chain to this CA when presented.
    func serverTLSConfiguration() throws -> TLSConfiguration {
        let pair = try serverKeyPair()
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(try NIOSSLCertificate(bytes: Array(pair.certificatePEM.utf8), format: .pem))],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(pair.privateKeyPEM.utf8), format: .pem)))
        configuration.certificateVerification = .optionalVerification
        configuration.trustRoots = .certificates([try NIOSSLCertificate(bytes: Array(certificatePEM.utf8), format: .pem)])
        configuration.applicationProtocols = ["http/1.1"]
        return configuration
    }

    /// The user and groups named by a verified client certificate.
    static func identity(ofClientCertificate der: [UInt8]) -> (user: String, groups: [String])? {
        guard let certificate = try? Certificate(derEncoded: der) else { return nil }
        var user: String?
        var groups: [String] = []
        for relativeName in certificate.subject {
            for attribute in relativeName {
                guard let value = String(attribute.value) else { continue }
                if attribute.type == .RDNAttributeType.commonName { user = value }
                if attribute.type == .RDNAttributeType.organizationName { groups.append(value) }
            }
        }
        return user.map { ($0, groups) }
    }
}
