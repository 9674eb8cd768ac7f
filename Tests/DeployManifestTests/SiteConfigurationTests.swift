import ArkdEngine
import Testing
import Yams

/// The site configuration in the arkd-config ConfigMap fits the Deployment it runs in: the queue
/// runs as arkd's own uid (arkd is non-root and cannot give session directories to another uid),
/// and every path it names lies on the volume meant for it, not on the read-only root filesystem.
@Suite("Manifests/deploy site configuration")
struct SiteConfigurationTests {
    static func configuration() throws -> Node {
        let configMap = try DeployManifests.load().object("ConfigMap", "arkd-config")
        let text = try #require(configMap["data"]?["arkd.yaml"]?.string)
        return try #require(try Yams.compose(yaml: text))
    }

    static func volumes() throws -> PodVolumes {
        PodVolumes(podSpec: try DeploymentTests.podSpec())
    }

    @Test("arkd's own loader accepts it: every key known, every value valid")
    func loads() throws {
        let configMap = try DeployManifests.load().object("ConfigMap", "arkd-config")
        let text = try #require(configMap["data"]?["arkd.yaml"]?.string)
        let site = try SiteConfigurationLoader.parse(text, file: "arkd-config/arkd.yaml", environment: [:])
        #expect(site.executor == .kubernetes && site.kubernetes.inCluster)
    }

    @Test("in-cluster Kubernetes executor, with the sessions on the arkd-sessions claim")
    func executor() throws {
        let configuration = try Self.configuration()
        #expect(configuration["executor"]?.string == "kubernetes")
        #expect(configuration["kubernetes"]?["inCluster"]?.bool == true)
        #expect(configuration["kubernetes"]?["sessionVolume"]?["persistentVolumeClaim"]?.string == "arkd-sessions")
        let claim = try DeployManifests.load().object("PersistentVolumeClaim", "arkd-sessions")
        #expect(claim["spec"]?["accessModes"]?.array(of: String.self) == ["ReadWriteMany"])
    }

    @Test("every queue runs in namespace arkd as the Deployment's uid and gid")
    func queuesRunAsArkd() throws {
        let queues = try #require(try Self.configuration()["queues"]?.mapping)
        #expect(!queues.isEmpty)
        let security = try DeploymentTests.podSpec()["securityContext"]
        let uid = try #require(security?["runAsUser"]?.int)
        let gid = try #require(security?["runAsGroup"]?.int)
        for (name, queue) in queues {
            let queueName = name.string ?? "?"
            #expect(queue["namespace"]?.string == "arkd", "queue \(queueName)")
            #expect(queue["runAsUser"]?.int == uid, "queue \(queueName)")
            #expect(queue["runAsGroup"]?.int == gid, "queue \(queueName)")
        }
        let defaultQueue = try #require(try Self.configuration()["defaultQueue"]?.string)
        #expect(queues[defaultQueue] != nil)
    }

    @Test("the store and the sessions are on their claims, the socket on an emptyDir")
    func directories() throws {
        let configuration = try Self.configuration()
        let volumes = try Self.volumes()
        let expected = [("stateDirectory", "arkd-state"), ("sessionRoot", "arkd-sessions")]
        for (key, claim) in expected {
            let path = try #require(configuration[key]?.string, "\(key)")
            let location = try #require(volumes.location(of: path), "\(key) \(path) is on no volume")
            #expect(location.volume["persistentVolumeClaim"]?["claimName"]?.string == claim, "\(key)")
        }
        let socket = try #require(configuration["server"]?["socketPath"]?.string)
        let socketLocation = try #require(volumes.location(of: socket), "the socket \(socket) is on no volume")
        #expect(socketLocation.volume["emptyDir"] != nil)
    }

    @Test("the TLS files and the token file are keys of the arkd-tls and arkd-tokens Secrets")
    func credentials() throws {
        let server = try #require(try Self.configuration()["server"])
        let volumes = try Self.volumes()
        let expected = [
            (server["tls"]?["certificateChain"]?.string, "arkd-tls", "tls.crt"),
            (server["tls"]?["privateKey"]?.string, "arkd-tls", "tls.key"),
            (server["tokenFile"]?.string, "arkd-tokens", "tokens"),
        ]
        for (path, secret, key) in expected {
            let file = try #require(path, "\(secret) \(key) is not configured")
            let location = try #require(volumes.location(of: file), "\(file) is on no volume")
            #expect(location.volume["secret"]?["secretName"]?.string == secret, "\(file)")
            #expect(location.pathInVolume == key, "\(file)")
        }
    }

    @Test("the TCP listener is the container's https port, and --config is the ConfigMap's arkd.yaml")
    func listenerAndConfigFile() throws {
        let configuration = try Self.configuration()
        #expect(configuration["server"]?["listen"]?["port"]?.int == 8443)
        #expect(configuration["server"]?["listen"]?["host"]?.string == "0.0.0.0")
        let location = try #require(try Self.volumes().location(of: "/etc/arkd/arkd.yaml"))
        #expect(location.volume["configMap"]?["name"]?.string == "arkd-config")
        #expect(location.pathInVolume == "arkd.yaml")
    }
}
