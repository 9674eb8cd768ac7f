import Foundation
import Logging
import Yams

/// Reads a site's YAML configuration: unknown keys, wrong types and impossible values are errors
/// with the line and column, since a silently ignored typo in a batch system's configuration
/// surfaces weeks later as jobs in the wrong place.
public enum SiteConfigurationLoader {
    /// Variables that override the file, for containers and one-off runs.
    public static let environmentOverrides = [
        "ARKD_STATE_DIR", "ARKD_SESSION_ROOT", "ARKD_EXECUTOR", "ARKD_MAX_RUNNING_JOBS", "ARKD_KUBECONFIG",
        "ARKD_KUBE_CONTEXT", "ARKD_LOG_LEVEL",
    ]

    public static func load(file path: String,
                            environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(SiteConfigurationError) -> SiteConfiguration
    {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SiteConfigurationError(file: path, message: "cannot read the configuration file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SiteConfigurationError(file: path, message: "the configuration file is not UTF-8 text")
        }
        return try parse(text, file: path, environment: environment)
    }

    public static func parse(_ text: String, file: String,
                             environment: [String: String] = [:]) throws(SiteConfigurationError) -> SiteConfiguration
    {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw syntaxError(error, file: file)
        }
        var configuration = SiteConfiguration()
        if let root {
            try check(root, against: SiteConfigurationFile.schema, path: [], file: file)
            let contents: SiteConfigurationFile
            do {
                contents = try YAMLDecoder().decode(SiteConfigurationFile.self, from: root)
            } catch let error as DecodingError {
                throw decodingError(error, root: root, file: file)
            } catch {
                throw SiteConfigurationError(file: file, message: "\(error)")
            }
            try apply(contents, to: &configuration, root: root, file: file)
        }
        try applyEnvironment(environment, to: &configuration, file: file)
        try SiteConfigurationValidator(file: file, root: root).validate(configuration)
        return configuration
    }

    // MARK: Reading

    private static func apply(_ contents: SiteConfigurationFile, to configuration: inout SiteConfiguration,
                              root: Node, file: String) throws(SiteConfigurationError) {
        if let value = contents.stateDirectory { configuration.stateDirectory = value }
        if let value = contents.sessionRoot { configuration.sessionRoot = value }
        if let value = contents.executor { configuration.executor = value }
        if let value = contents.maxRunningJobs { configuration.maxRunningJobs = value }
        if let value = contents.allowedSchemes { configuration.allowedSchemes = value }
        if let value = contents.allowedFileRoots { configuration.allowedFileRoots = value }
        if let value = contents.gridSessionRoots { configuration.gridSessionRoots = value }
        if let value = contents.defaultQueue { configuration.defaultQueue = value }
        if let kubernetes = contents.kubernetes {
            try apply(kubernetes, to: &configuration.kubernetes, root: root, file: file)
        }
        if let queues = contents.queues {
            configuration.queues = queues.mapValues(Self.policy)
        }
        if let server = contents.server {
            apply(server, to: &configuration.server)
        }
        if let value = contents.logLevel {
            configuration.logLevel = try logLevel(value, file: file) { position(of: ["logLevel"], in: root) }
        }
    }

    private static func apply(_ file: SiteConfigurationFile.Server, to settings: inout ServerSettings) {
        if let value = file.socketPath { settings.socketPath = value }
        if let value = file.listen { settings.listener = ServerSettings.Listener(host: value.host, port: value.port) }
        if let value = file.tls {
            settings.tls = ServerSettings.TLSFiles(certificateChain: value.certificateChain, privateKey: value.privateKey)
        }
        if let value = file.tokenFile { settings.tokenFile = value }
        if let value = file.maxRequestBytes { settings.maxRequestBytes = value }
    }

    private static func logLevel(_ text: String, file: String,
                                 place: () -> Mark?) throws(SiteConfigurationError) -> Logger.Level {
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            let mark = place()
            throw SiteConfigurationError(
                file: file, line: mark?.line, column: mark?.column,
                message: "log level '\(text)' is not one of "
                    + Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return level
    }

    private static func apply(_ file: SiteConfigurationFile.Kubernetes, to settings: inout KubernetesSettings,
                              root: Node, file path: String) throws(SiteConfigurationError) {
        if let value = file.kubeconfig { settings.kubeconfig = value }
        if let value = file.context { settings.context = value }
        if let value = file.inCluster { settings.inCluster = value }
        if let value = file.allowInsecureTLS { settings.allowInsecureTLS = value }
        if let value = file.qps { settings.qps = value }
        if let value = file.burst { settings.burst = value }
        if let value = file.allowedRegistries { settings.allowedRegistries = value }
        if let value = file.runtimeEnvironmentImages { settings.runtimeEnvironmentImages = value }
        if let value = file.imagePullGrace { settings.imagePullGrace = value.value }
        if let value = file.unschedulableTimeout { settings.unschedulableTimeout = value.value }
        if let value = file.watchTimeout { settings.watchTimeout = value.value }
        if let value = file.cancelGracePeriod { settings.cancelGracePeriod = value.value }
        if let volume = file.sessionVolume {
            let place = position(of: ["kubernetes", "sessionVolume"], in: root)
            switch (volume.persistentVolumeClaim, volume.hostPath) {
            case let (claim?, nil): settings.sessionVolume = .persistentVolumeClaim(claim)
            case let (nil, path?): settings.sessionVolume = .hostPath(path)
            default:
                throw SiteConfigurationError(file: path, line: place?.line, column: place?.column,
                                             message: "sessionVolume needs exactly one of persistentVolumeClaim and hostPath")
            }
        }
    }

    private static func policy(_ queue: SiteConfigurationFile.Queue) -> QueuePolicy {
        var policy = QueuePolicy()
        if let value = queue.namespace { policy.namespace = value }
        policy.image = queue.image
        if let value = queue.runAsUser { policy.runAsUser = value }
        if let value = queue.runAsGroup { policy.runAsGroup = value }
        if let value = queue.defaultMemoryMiB { policy.defaultMemoryMiB = value }
        policy.maxMemoryMiB = queue.maxMemoryMiB
        policy.maxCPUs = queue.maxCPUs
        policy.defaultWallTime = queue.defaultWallTime?.value
        policy.maxWallTime = queue.maxWallTime?.value
        if let value = queue.gpuResource { policy.gpuResource = value }
        policy.nodeSelector = queue.nodeSelector ?? [:]
        policy.tolerations = queue.tolerations ?? []
        policy.kueueQueue = queue.kueueQueue
        if let value = queue.shellRedirection { policy.shellRedirection = value }
        return policy
    }

    private static func applyEnvironment(_ environment: [String: String], to configuration: inout SiteConfiguration,
                                         file: String) throws(SiteConfigurationError) {
        if let value = environment["ARKD_STATE_DIR"], !value.isEmpty { configuration.stateDirectory = value }
        if let value = environment["ARKD_SESSION_ROOT"], !value.isEmpty { configuration.sessionRoot = value }
        if let value = environment["ARKD_EXECUTOR"], !value.isEmpty {
            guard let kind = SiteConfiguration.ExecutorKind(rawValue: value) else {
                throw SiteConfigurationError(file: file, message: "ARKD_EXECUTOR is '\(value)'; expected local or kubernetes")
            }
            configuration.executor = kind
        }
        if let value = environment["ARKD_MAX_RUNNING_JOBS"], !value.isEmpty {
            guard let number = Int(value) else {
                throw SiteConfigurationError(file: file, message: "ARKD_MAX_RUNNING_JOBS is '\(value)'; expected a whole number")
            }
            configuration.maxRunningJobs = number
        }
        if let value = environment["ARKD_KUBECONFIG"], !value.isEmpty { configuration.kubernetes.kubeconfig = value }
        if let value = environment["ARKD_KUBE_CONTEXT"], !value.isEmpty { configuration.kubernetes.context = value }
        if let value = environment["ARKD_LOG_LEVEL"], !value.isEmpty {
            configuration.logLevel = try logLevel(value, file: file) { nil }
        }
    }

    // MARK: Errors with positions

    private static func check(_ node: Node, against schema: ConfigurationSchema, path: [String],
                              file: String) throws(SiteConfigurationError) {
        let place = node.mark
        func fail(_ message: String) -> SiteConfigurationError {
            SiteConfigurationError(file: file, line: place?.line, column: place?.column, message: message)
        }
        let name = path.isEmpty ? "the configuration" : "'\(path.joined(separator: "."))'"
        switch schema {
        case .scalar:
            guard node.scalar != nil else { throw fail("\(name) must be a single value") }
        case .list:
            guard let items = node.sequence else { throw fail("\(name) must be a list") }
            for item in items where item.scalar == nil {
                throw SiteConfigurationError(file: file, line: item.mark?.line, column: item.mark?.column,
                                             message: "the items of \(name) must be single values")
            }
        case .listOf(let itemSchema):
            guard let items = node.sequence else { throw fail("\(name) must be a list") }
            for (index, item) in items.enumerated() {
                try check(item, against: itemSchema, path: path + ["\(index)"], file: file)
            }
        case .anyMapping:
            guard let mapping = node.mapping else { throw fail("\(name) must be a mapping of names to values") }
            for (key, value) in mapping {
                try check(value, against: .scalar, path: path + [key.string ?? "?"], file: file)
            }
        case .mappingOf(let valueSchema):
            guard let mapping = node.mapping else { throw fail("\(name) must be a mapping") }
            for (key, value) in mapping {
                try check(value, against: valueSchema, path: path + [key.string ?? "?"], file: file)
            }
        case .object(let fields):
            guard let mapping = node.mapping else { throw fail("\(name) must be a mapping") }
            for (key, value) in mapping {
                let keyName = key.string ?? ""
                guard let fieldSchema = fields[keyName] else {
                    let known = fields.keys.sorted().joined(separator: ", ")
                    throw SiteConfigurationError(file: file, line: key.mark?.line, column: key.mark?.column,
                                                 message: "unknown key '\(keyName)' in \(name); expected one of: \(known)")
                }
                if value.tag == Tag(.null) { continue }
                try check(value, against: fieldSchema, path: path + [keyName], file: file)
            }
        }
    }

    private static func syntaxError(_ error: any Error, file: String) -> SiteConfigurationError {
        switch error as? YamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            return SiteConfigurationError(file: file, line: mark.line, column: mark.column, message: "YAML: \(problem)")
        default:
            return SiteConfigurationError(file: file, message: "YAML: \(error)")
        }
    }

    private static func decodingError(_ error: DecodingError, root: Node, file: String) -> SiteConfigurationError {
        let path: [any CodingKey]
        let message: String
        switch error {
        case .typeMismatch(let type, let context):
            path = context.codingPath
            message = "expected \(describe(type))"
        case .valueNotFound(let type, let context):
            path = context.codingPath
            message = "expected \(describe(type))"
        case .keyNotFound(let key, let context):
            path = context.codingPath
            message = "missing key '\(key.stringValue)'"
        case .dataCorrupted(let context):
            path = context.codingPath
            message = context.debugDescription
        @unknown default:
            path = []
            message = "\(error)"
        }
        let keys = path.map { $0.intValue.map(String.init) ?? $0.stringValue }
        let place = position(of: keys, in: root)
        let name = keys.isEmpty ? "" : "'\(keys.joined(separator: "."))': "
        return SiteConfigurationError(file: file, line: place?.line, column: place?.column, message: name + message)
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: "a whole number"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is String.Type: "text"
        default: "a value of type \(type)"
        }
    }

    /// The line and column of the value at `path` (keys, or list indices as numbers).
    static func position(of path: [String], in root: Node?) -> Mark? {
        var node = root
        for key in path {
            if let mapping = node?.mapping {
                node = mapping[key]
            } else if let sequence = node?.sequence, let index = Int(key), sequence.indices.contains(index) {
                node = sequence[index]
            } else {
                break
            }
        }
        return node?.mark ?? root?.mark
    }
}
