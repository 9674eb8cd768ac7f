import Foundation

/// Where PEM bytes (a CA bundle, a client certificate or key) come from.
///
/// Files are read when the client is created, not when the configuration is: a configuration can
/// be built before the files exist, and a missing file fails with its path named.
public enum PEMSource: Sendable, Hashable {
    case file(String)
    case data([UInt8])

    func load() throws -> [UInt8] {
        switch self {
        case .data(let bytes):
            return bytes
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw KubernetesConfigurationError("cannot read '\(path)'")
            }
            return Array(data)
        }
    }
}
