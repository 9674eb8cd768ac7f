/// Where a listener is accepting connections, once it is.
public enum ListenerAddress: Sendable, Hashable, CustomStringConvertible {
    case unixSocket(path: String)
    case tcp(host: String, port: Int, tls: Bool)

    public var description: String {
        switch self {
        case .unixSocket(let path): "unix:\(path)"
        case .tcp(let host, let port, let tls): "\(tls ? "https" : "http")://\(host):\(port)"
        }
    }
}
