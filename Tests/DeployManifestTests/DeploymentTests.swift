import Foundation
import Testing
import Yams

/// The Deployment runs arkd as the design requires: one replica (one SQLite writer), non-root and
/// hardened, probed, with bounded resources, and with every mount backed by a volume.
@Suite("Manifests/deploy Deployment")
struct DeploymentTests {
    static func podSpec() throws -> Node {
        let deployment = try DeployManifests.load().object("Deployment", "arkd")
        return try #require(deployment["spec"]?["template"]?["spec"])
    }

    static func container() throws -> Node {
        let containers = try podSpec()["containers"]?.sequence.map(Array.init) ?? []
        #expect(containers.count == 1)
        return try #require(containers.first { $0["name"]?.string == "arkd" })
    }

    @Test("one replica, replaced by Recreate: SQLite has one writer")
    func singleWriter() throws {
        let deployment = try DeployManifests.load().object("Deployment", "arkd")
        #expect(deployment["spec"]?["replicas"]?.int == 1)
        #expect(deployment["spec"]?["strategy"]?["type"]?.string == "Recreate")
    }

    @Test("the pod uses arkd's service account with its token, as non-root under RuntimeDefault seccomp")
    func podSecurity() throws {
        let spec = try Self.podSpec()
        #expect(spec["serviceAccountName"]?.string == "arkd")
        #expect(spec["automountServiceAccountToken"]?.bool == true)
        let security = spec["securityContext"]
        #expect(security?["runAsNonRoot"]?.bool == true)
        let uid = try #require(security?["runAsUser"]?.int)
        #expect(uid > 0)
        #expect(security?["runAsGroup"]?.int != nil)
        #expect(security?["fsGroup"]?.int == security?["runAsGroup"]?.int)
        #expect(security?["seccompProfile"]?["type"]?.string == "RuntimeDefault")
    }

    @Test("the container has a read-only root, no privilege escalation and no capabilities")
    func containerSecurity() throws {
        let container = try Self.container()
        let security = container["securityContext"]
        #expect(security?["readOnlyRootFilesystem"]?.bool == true)
        #expect(security?["allowPrivilegeEscalation"]?.bool == false)
        #expect(security?["capabilities"]?["drop"]?.array(of: String.self) == ["ALL"])
        #expect(security?["capabilities"]?["add"] == nil)
        #expect(security?["privileged"]?.bool != true)
    }

    @Test("arkd serve reads the mounted configuration and listens on the port named https")
    func commandAndPort() throws {
        let container = try Self.container()
        #expect(container["args"]?.array(of: String.self) == ["serve", "--config", "/etc/arkd/arkd.yaml"])
        let ports = container["ports"]?.sequence.map(Array.init) ?? []
        #expect(ports.contains { $0["name"]?.string == "https" && $0["containerPort"]?.int == 8443 })
    }

    @Test("liveness probes /healthz, readiness /readyz, both over HTTPS on the https port")
    func probes() throws {
        let container = try Self.container()
        for (probe, path) in [("livenessProbe", "/healthz"), ("readinessProbe", "/readyz")] {
            let get = container[probe]?["httpGet"]
            #expect(get?["path"]?.string == path, "\(probe)")
            #expect(get?["port"]?.string == "https", "\(probe)")
            #expect(get?["scheme"]?.string == "HTTPS", "\(probe)")
        }
    }

    @Test("cpu and memory have requests and limits, each request within its limit")
    func resources() throws {
        let resources = try Self.container()["resources"]
        for name in ["cpu", "memory"] {
            let request = try #require(resources?["requests"]?[name]?.scalar.flatMap { Quantity($0.string) }, "\(name)")
            let limit = try #require(resources?["limits"]?[name]?.scalar.flatMap { Quantity($0.string) }, "\(name)")
            #expect(request <= limit, "\(name): request \(request) above limit \(limit)")
        }
    }

    @Test("every volumeMount names a volume of the pod, and every volume is mounted")
    func mountsNameVolumes() throws {
        let volumes = PodVolumes(podSpec: try Self.podSpec())
        #expect(!volumes.mounts.isEmpty)
        for mount in volumes.mounts {
            #expect(volumes.volumes[mount.volumeName] != nil, "mount \(mount.mountPath) names no volume")
        }
        #expect(Set(volumes.volumes.keys) == Set(volumes.mounts.map(\.volumeName)))
    }

    @Test("the image's USER is the pod's runAsUser and runAsGroup")
    func imageUser() throws {
        let file = DeployManifests.repositoryRoot.appendingPathComponent("Containerfile")
        let containerfile = try String(contentsOf: file, encoding: .utf8)
        let user = containerfile.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .last { $0.hasPrefix("USER ") }
        let ids = try #require(user).dropFirst("USER ".count).split(separator: ":").map { Int($0) }
        let security = try Self.podSpec()["securityContext"]
        #expect(ids == [security?["runAsUser"]?.int, security?["runAsGroup"]?.int])
    }
}
