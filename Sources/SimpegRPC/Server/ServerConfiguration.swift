import NIOCore

/// How an ``RPCServer`` listens and what it allows.
public struct ServerConfiguration: Sendable {
  /// How clients reach the server. Default ``Transport/tcp``.
  public var transport = Transport.tcp
  /// Where to listen. Port 0 picks a free port; ``RPCServer/localAddress`` tells which.
  public var host: String
  /// The TCP port.
  public var port: Int
  /// TLS, or `nil` for plain TCP.
  public var tls: ServerTLSConfiguration?
  /// The largest frame payload accepted (so the largest request message). Default 4 MiB.
  public var maxFrameSize: UInt32 = WireProtocol.defaultMaxFrameSize
  /// The largest call header (method name and metadata) accepted. Default 16 KiB.
  public var maxCallHeaderSize: UInt32 = WireProtocol.defaultMaxCallHeaderSize
  /// Calls in flight per connection; more get `RESOURCE_EXHAUSTED`. Default 100.
  public var maxConcurrentCallsPerConnection: UInt32 = WireProtocol.defaultMaxConcurrentCalls
  /// Connections held at once; more are refused with GOAWAY. Default 10,000.
  public var maxConnections: Int = 10_000
  /// The credit each call's client holds for its requests. Default 64 KiB.
  public var initialCallWindow: UInt32 = WireProtocol.defaultInitialCallWindow
  /// A connection without calls for this long is closed. Default 5 minutes; `nil` for never.
  public var idleTimeout: Duration? = .seconds(300)
  /// A silent connection is pinged this often. Default 60 s; `nil` for never.
  public var keepaliveInterval: Duration? = .seconds(60)
  /// A ping unanswered this long closes the connection. Default 20 s.
  public var keepaliveTimeout: Duration = .seconds(20)
  /// A connection that has not sent its preface and settings this long is closed. Default 10 s.
  public var handshakeTimeout: Duration = .seconds(10)
  /// Where handlers run.
  public var handlerExecution: HandlerExecution = .connectionEventLoop
  /// Peer hosts (IP addresses) that call on behalf of others, such as a web gateway, and name
  /// each call's real client in its `forwarded-for` metadata; ``ServerContext/clientHost`` is
  /// that client for their calls. Empty by default: no peer is believed.
  public var trustedForwarders: Set<String> = []

  /// How clients reach a server.
  public enum Transport: Sendable, Hashable {
    /// Listening on ``ServerConfiguration/host`` and ``ServerConfiguration/port`` (with TLS
    /// when ``ServerConfiguration/tls`` is set); in-process clients are served as well.
    case tcp
    /// No listener: only clients in the same process reach the server, through
    /// ``RPCClient/init(inProcess:configuration:eventLoopGroup:)``. For tests of services,
    /// which then need no ports and no sockets.
    case inProcessOnly
  }

  /// Where call handlers run.
  public enum HandlerExecution: Sendable {
    /// On the event loop of the call's connection: no thread hop between the handler and its
    /// frames. Handlers must not block; long CPU work belongs elsewhere (e.g. a detached task).
    case connectionEventLoop
    /// On Swift's global concurrent executor.
    case globalExecutor
  }

  /// A configuration listening on `host:port` with the defaults above.
  public init(host: String = "127.0.0.1", port: Int = 0) {
    self.host = host
    self.port = port
  }
}

/// The certificate and key a TLS server presents.
public struct ServerTLSConfiguration: Sendable {
  /// A PEM file with the certificate chain, leaf first.
  public var certificateChainFile: String
  /// A PEM file with the private key.
  public var privateKeyFile: String

  /// Creates a TLS configuration from PEM files.
  public init(certificateChainFile: String, privateKeyFile: String) {
    self.certificateChainFile = certificateChainFile
    self.privateKeyFile = privateKeyFile
  }
}
