/// How an ``RPCClient`` connects.
public struct ClientConfiguration: Sendable {
  /// How many connections to spread calls over (round robin). Default 1.
  public var connections: Int = 1
  /// TLS, or `nil` for plain TCP.
  public var tls: ClientTLSConfiguration?
  /// How long connecting (TCP, TLS and the protocol handshake) may take. Default 10 s.
  public var connectTimeout: Duration = .seconds(10)
  /// The largest frame payload this client accepts (so the largest response). Default 4 MiB.
  public var maxFrameSize: UInt32 = WireProtocol.defaultMaxFrameSize
  /// The credit the server holds on each call for its responses. Default 64 KiB.
  public var initialCallWindow: UInt32 = WireProtocol.defaultInitialCallWindow
  /// Metadata sent with every call (e.g. `authorization`), before the call's own.
  public var defaultMetadata = Metadata()
  /// The deadline of calls whose options set none; `nil` for none.
  public var defaultTimeout: Duration?

  /// The defaults above.
  public init() {}
}

/// TLS settings of a client.
public struct ClientTLSConfiguration: Sendable {
  /// A PEM file of CA certificates to trust; `nil` for the system's roots.
  public var trustRootsFile: String?
  /// The name expected in the server's certificate; default the host connected to.
  public var serverHostname: String?
  /// Whether to check the server's certificate at all. Turn off only for local testing.
  public var verifyCertificate: Bool = true

  /// Creates TLS settings.
  public init(trustRootsFile: String? = nil, serverHostname: String? = nil) {
    self.trustRootsFile = trustRootsFile
    self.serverHostname = serverHostname
  }
}

/// Per-call options.
public struct CallOptions: Sendable {
  /// The time the call may take; the server ends it with `DEADLINE_EXCEEDED` after that.
  public var timeout: Duration?
  /// Metadata for this call, sent after the client's default metadata.
  public var metadata: Metadata

  /// Creates options.
  public init(timeout: Duration? = nil, metadata: Metadata = Metadata()) {
    self.timeout = timeout
    self.metadata = metadata
  }
}
