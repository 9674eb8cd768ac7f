import Foundation
import Testing

@testable import KubernetesClient

@Suite("in-cluster configuration and token rotation")
struct InClusterConfigurationTests {
    @Test("service host and port, token, CA and namespace from the injected directory")
    func inCluster() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("token", "token-1\n")
        try directory.write("ca.crt", "CA")
        try directory.write("namespace", "grid\n")
        let configuration = try KubernetesConfiguration.inCluster(
            environment: ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"],
            directory: directory.path, tokenRefresh: .seconds(30))
        #expect(configuration.server.absoluteString == "https://10.96.0.1:443")
        #expect(configuration.namespace == "grid")
        #expect(configuration.tlsVerification == .certificateAuthority(.file(directory.path + "/ca.crt")))
        #expect(configuration.token == .file(path: directory.path + "/token", refreshAfter: .seconds(30)))
    }

    @Test("an IPv6 service host is bracketed; a missing namespace file means default")
    func ipv6() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("token", "t")
        try directory.write("ca.crt", "CA")
        let configuration = try KubernetesConfiguration.inCluster(
            environment: ["KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "6443"],
            directory: directory.path)
        #expect(configuration.server.absoluteString == "https://[fd00::1]:6443")
        #expect(configuration.namespace == "default")
    }

    @Test("outside a pod, or without the token, it says so")
    func notInCluster() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(throws: KubernetesConfigurationError.self) {
            try KubernetesConfiguration.inCluster(environment: [:], directory: directory.path)
        }
        let error = #expect(throws: KubernetesConfigurationError.self) {
            try KubernetesConfiguration.inCluster(
                environment: ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"],
                directory: directory.path)
        }
        #expect(error?.message.contains("token") == true)
    }

    @Test("a token file is cached, re-read when stale, and re-read at once after invalidation")
    func rotation() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("token", "one\n")
        let cached = TokenProvider(source: .file(path: directory.path + "/token", refreshAfter: .seconds(3_600)))
        #expect(try cached.token() == "one")
        try directory.write("token", "two\n")
        #expect(try cached.token() == "one")
        cached.invalidate()
        #expect(try cached.token() == "two")

        let fresh = TokenProvider(source: .file(path: directory.path + "/token", refreshAfter: .zero))
        #expect(try fresh.token() == "two")
        try directory.write("token", "three")
        #expect(try fresh.token() == "three")
        #expect(fresh.canReload)
        #expect(!TokenProvider(source: .literal("x")).canReload)
    }
}
