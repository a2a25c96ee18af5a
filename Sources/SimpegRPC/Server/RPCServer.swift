import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// A server of the simpeg wire protocol (Schema/PROTOCOL.md) on SwiftNIO.
///
/// Give it the services to serve and optional interceptors, ``start()`` it, and end it with
/// ``shutdown(grace:)``: it stops accepting, sends GOAWAY on every connection, lets calls in
/// flight finish for up to `grace`, then ends the rest with `UNAVAILABLE` and closes.
///
/// Clients reach it over TCP (``ServerConfiguration/transport``) or, in the same process and
/// without sockets, through ``RPCClient/init(inProcess:configuration:eventLoopGroup:)``: both
/// take the same path from the first byte of the preface on.
public final class RPCServer: Sendable {
  private let configuration: ServerConfiguration
  private let router: RPCRouter
  private let interceptors: [any ServerInterceptor]
  private let group: any EventLoopGroup
  private let logger: Logger
  private let registry: ConnectionRegistry
  private let shared: ServerConnectionHandler.Shared
  private let listener = NIOLockedValueBox<(any Channel)?>(nil)
  private let inProcessConnections = Atomic<Int>(0)

  /// Creates a server; nothing listens until ``start()``.
  public init(
    configuration: ServerConfiguration,
    services: [any RPCService],
    interceptors: [any ServerInterceptor] = [],
    eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
    logger: Logger = Logger(label: "simpeg.rpc.server")
  ) {
    var router = RPCRouter()
    for service in services { router.register(service) }
    self.configuration = configuration
    self.router = router
    self.interceptors = interceptors
    self.group = eventLoopGroup
    self.logger = logger
    let registry = ConnectionRegistry(maxConnections: configuration.maxConnections)
    self.registry = registry
    self.shared = ServerConnectionHandler.Shared(
      router: router, interceptors: interceptors, configuration: configuration, logger: logger,
      registry: registry)
  }

  /// The methods served, sorted by full name.
  public var methods: [MethodDescriptor] { router.methods }

  /// The address listened on, once started.
  public var localAddress: SocketAddress? { listener.withLockedValue { $0?.localAddress } }

  /// Open connections now.
  public var openConnections: Int { registry.openConnections }

  /// Binds and starts accepting (in-process clients need no start). Throws when the address
  /// cannot be bound or the TLS files cannot be read.
  public func start() async throws {
    guard configuration.transport == .tcp else {
      logger.info("serving in-process clients only")
      return
    }
    let sslContext = try configuration.tls.map { tls in
      let chain = try NIOSSLCertificate.fromPEMFile(tls.certificateChainFile)
      let key = try NIOSSLPrivateKey(file: tls.privateKeyFile, format: .pem)
      return try NIOSSLContext(
        configuration: .makeServerConfiguration(
          certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key)))
    }
    let channel = try await ServerBootstrap(group: group)
      .serverChannelOption(.backlog, value: 1024)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
      .childChannelOption(.socketOption(.so_keepalive), value: 1)
      .childChannelInitializer { [self] channel in
        channel.eventLoop.makeCompletedFuture {
          if let sslContext {
            try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: sslContext))
          }
          try self.serveProtocol(on: channel)
        }
      }
      .bind(host: configuration.host, port: configuration.port)
      .get()
    listener.withLockedValue { $0 = channel }
    logger.info(
      "listening",
      metadata: [
        "address": "\(channel.localAddress.map { "\($0)" } ?? "?")",
        "tls": "\(configuration.tls != nil)",
      ])
  }

  /// Adds the protocol's handlers to `channel`'s pipeline, so this server answers on it: what
  /// the listener does for every accepted connection (after TLS, when configured). Usable on
  /// any NIO channel whose bytes are the protocol's, e.g. an `EmbeddedChannel` in a fuzzer.
  /// Must run on the channel's event loop.
  public func serveProtocol(on channel: any Channel) throws {
    let address = channel.remoteAddress?.ipAddress ?? ""
    try serveProtocol(
      on: channel, peer: Self.describe(channel.remoteAddress),
      trustedForwarder: configuration.trustedForwarders.contains(address))
  }

  private func serveProtocol(on channel: any Channel, peer: String, trustedForwarder: Bool = false) throws {
    let rejection =
      registry.admits()
      ? nil
      : ProtocolViolation(
        .tooManyConnections,
        "the server holds its maximum of \(configuration.maxConnections) connections; retry later")
    let sync = channel.pipeline.syncOperations
    try sync.addHandler(ByteToMessageHandler(FrameDecoder(maxFrameSize: configuration.maxFrameSize)))
    let handler = ServerConnectionHandler(
      shared: shared, rejection: rejection, eventLoop: channel.eventLoop, peer: peer,
      peerIsTrustedForwarder: trustedForwarder)
    try sync.addHandler(handler)
    registry.add(channel, handler: NIOLoopBound(handler, eventLoop: channel.eventLoop))
  }

  /// Opens a connection to this server held in memory: the server's end is served as an
  /// accepted TCP connection would be, and `configureClient` sets up the client's end (on
  /// `clientEventLoop`), which then becomes active and sends its preface. Returns what
  /// `configureClient` returned. Refused with `UNAVAILABLE` once the server shuts down.
  func connectInProcess<Output: Sendable>(
    clientEventLoop: any EventLoop,
    configureClient: @escaping @Sendable (any Channel) throws -> Output
  ) async throws -> Output {
    guard !registry.isShuttingDown else {
      throw RPCError(.unavailable, "the in-process server is shutting down; it takes no new connections")
    }
    let (client, server) = InProcessChannel.makePair(
      clientEventLoop: clientEventLoop, serverEventLoop: group.next())
    let number = inProcessConnections.wrappingAdd(1, ordering: .relaxed).newValue
    let serverLoop = server.eventLoop
    // No hop through Swift's task pool between the server's end becoming active (its handshake
    // timer armed) and the client's preface: both ends are set up on their loops, the client's
    // end becomes active first (its preface waits at the server's end), then the server's.
    let connected = serverLoop.submit {
      try self.serveProtocol(on: server, peer: "in-process:\(number)")
    }.hop(to: client.eventLoop).flatMapThrowing {
      let output = try configureClient(client)
      client.activate()
      serverLoop.execute { server.activate() }
      return output
    }
    do {
      return try await connected.get()
    } catch {
      client.close(promise: nil)
      server.close(promise: nil)
      throw error
    }
  }

  /// `host:port` of a peer, for logs and per-host limits.
  private static func describe(_ address: SocketAddress?) -> String {
    guard let address else { return "unknown" }
    return "\(address.ipAddress ?? "unknown"):\(address.port ?? 0)"
  }

  /// Stops accepting and asks every connection to drain (GOAWAY). Returns at once.
  public func beginGracefulShutdown() {
    let channel = listener.withLockedValue { $0 }
    channel?.close(promise: nil)
    registry.beginGracefulShutdown()
  }

  /// Ends every call in flight with `UNAVAILABLE` and closes every connection now (for a
  /// second shutdown signal, when waiting is not wanted).
  public func closeAllConnectionsNow() {
    registry.forceCloseAll()
  }

  /// Shuts down: drains for up to `grace`, then ends what is left with `UNAVAILABLE`.
  /// Returns once every connection is closed.
  public func shutdown(grace: Duration) async {
    beginGracefulShutdown()
    let registry = self.registry
    await withTaskGroup(of: Bool.self) { group in
      group.addTask {
        await registry.waitUntilEmpty()
        return true
      }
      group.addTask {
        try? await Task.sleep(for: grace)
        return false
      }
      let drained = await group.next() ?? true
      if !drained {
        registry.forceCloseAll()
        await registry.waitUntilEmpty()
      }
      group.cancelAll()
    }
    let channel = listener.withLockedValue { $0 }
    try? await channel?.closeFuture.get()
  }
}
