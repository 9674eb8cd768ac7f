import Foundation
import Testing
@testable import ArkdEngine

@Suite("site configuration")
struct SiteConfigurationTests {
    private func parse(_ text: String, environment: [String: String] = [:]) throws(SiteConfigurationError) -> SiteConfiguration {
        try SiteConfigurationLoader.parse(text, file: "arkd.yaml", environment: environment)
    }

    private func failure(_ text: String, environment: [String: String] = [:]) -> SiteConfigurationError? {
        do {
            _ = try parse(text, environment: environment)
            return nil
        } catch {
            return error
        }
    }

    @Test("an empty file is the single-machine default")
    func emptyFile() throws {
        let configuration = try parse("")
        #expect(configuration.executor == .local)
        #expect(configuration.defaultQueue == "default")
        #expect(configuration.queues["default"] == QueuePolicy())
        #expect(configuration.kubernetes == KubernetesSettings())
    }

    @Test("the shipped example reads as written")
    func example() throws {
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Manifests/config/arkd.yaml").path
        let configuration = try SiteConfigurationLoader.load(file: example, environment: [:])
        #expect(configuration.executor == .kubernetes)
        #expect(configuration.kubernetes.sessionVolume == .persistentVolumeClaim("arkd-sessions"))
        #expect(configuration.kubernetes.imagePullGrace == .seconds(300))
        #expect(configuration.kubernetes.unschedulableTimeout == .seconds(3600))
        #expect(configuration.queues["grid"]?.maxWallTime == .seconds(3 * 86400))
        #expect(configuration.queues["gpu"]?.tolerations == [TolerationPolicy(key: "nvidia.com/gpu", operator: "Exists",
                                                                                effect: "NoSchedule")])
        #expect(configuration.queues["gpu"]?.nodeSelector == ["nvidia.com/gpu.present": "true"])
        #expect(configuration.queues["gpu"]?.shellRedirection == false)
        #expect(configuration.queues["grid"]?.shellRedirection == true)
        #expect(configuration.queue(named: nil)?.name == "grid")
        #expect(configuration.engineConfiguration.maxRunningJobs == 500)
        #expect(configuration.engineConfiguration.policy.allowedSchemes == ["http", "https"])
    }

    @Test("a misspelt key is an error at its line and column, listing the keys that exist")
    func unknownKey() throws {
        let error = try #require(failure("kubernetes:\n  qsp: 20\n"))
        #expect(error.line == 2)
        #expect(error.column == 3)
        #expect(error.message.contains("unknown key 'qsp' in 'kubernetes'"))
        #expect(error.message.contains("qps"))
        #expect(error.description.hasPrefix("arkd.yaml:2:3: error: "))
    }

    @Test("a value of the wrong type names the key and what was expected")
    func wrongType() throws {
        let error = try #require(failure("queues:\n  grid:\n    maxCPUs: many\ndefaultQueue: grid\n"))
        #expect(error.line == 3)
        #expect(error.message.contains("'queues.grid.maxCPUs'"))
        #expect(error.message.contains("whole number"))
    }

    @Test("YAML syntax errors carry the position")
    func syntax() throws {
        let error = try #require(failure("queues: [grid\n"))
        #expect(error.line != nil)
        #expect(error.message.hasPrefix("YAML: "))
    }

    @Test("a list where a single value belongs, and a scalar where a mapping belongs")
    func shapes() throws {
        #expect(try #require(failure("executor: [local]\n")).message.contains("'executor' must be a single value"))
        #expect(try #require(failure("queues: grid\n")).message.contains("'queues' must be a mapping"))
    }

    @Test("durations take seconds or units and refuse the rest")
    func durations() throws {
        #expect(ConfigurationDuration.parse("90") == .seconds(90))
        #expect(ConfigurationDuration.parse("90s") == .seconds(90))
        #expect(ConfigurationDuration.parse("30m") == .seconds(1800))
        #expect(ConfigurationDuration.parse("2h") == .seconds(7200))
        #expect(ConfigurationDuration.parse("1d") == .seconds(86400))
        #expect(ConfigurationDuration.parse("-5m") == nil)
        #expect(ConfigurationDuration.parse("ten minutes") == nil)
        #expect(ConfigurationDuration.parse("99999999999999999999d") == nil)
        let error = try #require(failure("kubernetes:\n  watchTimeout: soon\n"))
        #expect(error.message.contains("'soon' is not a duration"))
        #expect(error.line == 2)
    }

    @Test("values Kubernetes or the engine would refuse are refused here", arguments: [
        ("queues:\n  default:\n    namespace: Grid_Jobs\n", "not a valid Kubernetes name"),
        ("queues:\n  default:\n    runAsUser: 0\n", "runAsUser must be greater than 0"),
        ("queues:\n  default:\n    defaultMemoryMiB: 0\n", "defaultMemoryMiB must be greater than 0"),
        ("queues:\n  default:\n    maxMemoryMiB: 100\n", "maxMemoryMiB is below defaultMemoryMiB"),
        ("defaultQueue: grid\n", "the default queue 'grid' is not among the queues (default)"),
        ("queues: {}\n", "at least one queue is needed"),
        ("maxRunningJobs: 0\n", "maxRunningJobs must be at least 1"),
        ("kubernetes:\n  qps: 0\n", "qps must be greater than 0"),
        ("kubernetes:\n  sessionVolume: {}\n", "exactly one of persistentVolumeClaim and hostPath"),
        ("kubernetes:\n  allowedRegistries: [registry.example.org]\nqueues:\n  default:\n    image: busybox\n",
         "image 'busybox' is not from an allowed registry"),
    ])
    func refusedValues(text: String, message: String) throws {
        let error = try #require(failure(text))
        #expect(error.message.contains(message), "\(error)")
        #expect(error.line != nil)
    }

    @Test("environment variables override the file")
    func environment() throws {
        let configuration = try parse("executor: local\nstateDirectory: /a\n", environment: [
            "ARKD_EXECUTOR": "kubernetes", "ARKD_STATE_DIR": "/b", "ARKD_MAX_RUNNING_JOBS": "7",
            "ARKD_KUBECONFIG": "/etc/k", "ARKD_KUBE_CONTEXT": "ctx",
        ])
        #expect(configuration.executor == .kubernetes)
        #expect(configuration.stateDirectory == "/b")
        #expect(configuration.maxRunningJobs == 7)
        #expect(configuration.kubernetes.kubeconfig == "/etc/k")
        #expect(configuration.kubernetes.context == "ctx")
        #expect(try #require(failure("", environment: ["ARKD_EXECUTOR": "slurm"])).message.contains("ARKD_EXECUTOR"))
    }

    @Test("images are matched against registries the way the runtime qualifies them")
    func registries() {
        let settings = KubernetesSettings(allowedRegistries: ["docker.io/library", "registry.example.org/grid"])
        #expect(settings.allows(image: "busybox:1.36"))
        #expect(settings.allows(image: "docker.io/library/almalinux:9"))
        #expect(!settings.allows(image: "someone/busybox"))
        #expect(settings.allows(image: "registry.example.org/grid/atlas:1"))
        #expect(!settings.allows(image: "registry.example.org/gridx/atlas:1"))
        #expect(!settings.allows(image: "evil.example.com/registry.example.org/grid/x"))
        #expect(KubernetesSettings().allows(image: "anything/at:all"))
    }

    @Test("the server section: socket, TCP listener with TLS, tokens, request limit and log level")
    func serverSection() throws {
        let configuration = try parse("""
            logLevel: debug
            server:
              socketPath: /run/arkd/api.sock
              listen: {host: 0.0.0.0, port: 8443}
              tls: {certificateChain: /etc/arkd/tls.crt, privateKey: /etc/arkd/tls.key}
              tokenFile: /etc/arkd/tokens
              maxRequestBytes: 1048576
            """)
        #expect(configuration.logLevel == .debug)
        #expect(configuration.server.socketPath(stateDirectory: "/x") == "/run/arkd/api.sock")
        #expect(configuration.server.listener == ServerSettings.Listener(host: "0.0.0.0", port: 8443))
        #expect(configuration.server.tls?.privateKey == "/etc/arkd/tls.key")
        #expect(configuration.server.tokenFile == "/etc/arkd/tokens")
        #expect(configuration.server.maxRequestBytes == 1_048_576)
        #expect(try parse("").server.socketPath(stateDirectory: "/var/lib/arkd") == "/var/lib/arkd/arkd.sock")
        #expect(try parse("", environment: ["ARKD_LOG_LEVEL": "warning"]).logLevel == .warning)
    }

    @Test("server settings that would expose the API are refused", arguments: [
        ("server:\n  listen: {host: 0.0.0.0, port: 8080}\n  tokenFile: /t\n", "needs tls"),
        ("server:\n  listen: {host: 127.0.0.1, port: 8080}\n", "needs server.tokenFile"),
        ("server:\n  tls: {certificateChain: /c, privateKey: /k}\n", "tls needs a TCP listener"),
        ("server:\n  listen: {host: 127.0.0.1, port: 70000}\n  tokenFile: /t\n", "port must be between 1 and 65535"),
        ("server:\n  maxRequestBytes: 10\n", "maxRequestBytes must be at least 1024"),
        ("server:\n  listen: {host: 127.0.0.1}\n", "missing key 'port'"),
        ("server:\n  socket: /x\n", "unknown key 'socket'"),
        ("logLevel: loud\n", "log level 'loud' is not one of"),
    ])
    func refusedServerSettings(text: String, message: String) throws {
        let error = try #require(failure(text))
        #expect(error.message.contains(message), "\(error)")
        #expect(error.line != nil)
    }
}
