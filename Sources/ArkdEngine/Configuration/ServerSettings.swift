import Logging

/// How `arkd serve` listens and whom it trusts. The default is a unix socket under the state
/// directory and no TCP listener, so a single-machine install exposes nothing to the network.
public struct ServerSettings: Sendable, Hashable {
    /// A TCP listener. Plain HTTP is allowed only on a loopback address; anything else needs TLS.
    public struct Listener: Sendable, Hashable {
        public var host: String
        public var port: Int

        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }

        /// 127.0.0.0/8, ::1 and `localhost`: addresses no other machine can reach.
        public var isLoopback: Bool {
            host == "localhost" || host == "::1" || host.hasPrefix("127.")
        }
    }

    /// The PEM files of the TCP listener's certificate chain and private key.
    public struct TLSFiles: Sendable, Hashable {
        public var certificateChain: String
        public var privateKey: String

        public init(certificateChain: String, privateKey: String) {
            self.certificateChain = certificateChain
            self.privateKey = privateKey
        }
    }

    /// `nil`: `<stateDirectory>/arkd.sock`.
    public var socketPath: String?
    public var listener: Listener?
    public var tls: TLSFiles?
    /// Lines of `<sha256-hex-of-token> <owner> <role>`. `nil`: only the unix socket listens, and
    /// whoever can open it (mode 0660) acts as an admin under the site's default owner.
    public var tokenFile: String?
    /// Largest request body accepted; larger requests get 413.
    public var maxRequestBytes: Int

    public init(socketPath: String? = nil, listener: Listener? = nil, tls: TLSFiles? = nil, tokenFile: String? = nil,
                maxRequestBytes: Int = 16 * 1024 * 1024) {
        self.socketPath = socketPath
        self.listener = listener
        self.tls = tls
        self.tokenFile = tokenFile
        self.maxRequestBytes = maxRequestBytes
    }

    /// The unix socket's path for a state directory.
    public func socketPath(stateDirectory: String) -> String {
        socketPath ?? stateDirectory + "/arkd.sock"
    }
}
