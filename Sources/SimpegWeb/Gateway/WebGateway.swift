import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOSSL
import ServiceLifecycle

/// simpeg-web as a service: the HTTP server of the gateway and, when configured, its metrics
/// endpoint, in front of one pooled client of simpegd.
///
/// Graceful shutdown (SIGTERM under swift-service-lifecycle) drains: health turns `DRAINING`,
/// open streams end cleanly (Connect streams with an `unavailable` end-of-stream message, event
/// streams by closing so browsers resume), the server stops accepting connections and closes
/// each when its request in flight is answered; then the client of simpegd closes. The service
/// group's grace period bounds the drain.
public struct WebGateway: Service, CustomStringConvertible {
  /// Where the gateway ended up listening, reported once both listeners are bound.
  public struct Addresses: Sendable {
    /// The HTTP listener, `host:port`.
    public var http: String
    /// The metrics listener, `host:port`, or nil when off.
    public var metrics: String?
  }

  private let configuration: WebConfiguration
  private let core: GatewayCore
  private let metrics: (host: String, port: Int, text: @Sendable () -> String)?
  private let onReady: @Sendable (Addresses) async -> Void
  private let logger: Logger

  /// A gateway of `configuration`; `metrics` serves `text()` at `GET /metrics` on its own
  /// listener; `onReady` learns the bound addresses.
  public init(
    configuration: WebConfiguration, logger: Logger,
    metrics: (host: String, port: Int, text: @Sendable () -> String)? = nil,
    onReady: @escaping @Sendable (Addresses) async -> Void = { _ in }
  ) throws {
    try self.init(
      configuration: configuration, procedures: .catalogue, events: .catalogue, logger: logger,
      metrics: metrics, onReady: onReady)
  }

  /// A gateway serving `procedures` and `events` (tests serve other services than simpegd's).
  init(
    configuration: WebConfiguration, procedures: ProcedureTable, events: EventStreamTable,
    logger: Logger, metrics: (host: String, port: Int, text: @Sendable () -> String)? = nil,
    onReady: @escaping @Sendable (Addresses) async -> Void = { _ in }
  ) throws {
    self.configuration = configuration
    self.core = GatewayCore(
      configuration: configuration, upstream: try Upstream(configuration: configuration.upstream),
      procedures: procedures, events: events, drain: DrainSignal(), logger: logger)
    self.metrics = metrics
    self.onReady = onReady
    self.logger = logger
  }

  /// `simpeg-web on HOST:PORT`, for logs.
  public var description: String { "simpeg-web on \(configuration.host):\(configuration.port)" }

  /// Serves until graceful shutdown, then drains (see the type's description).
  public func run() async throws {
    let bound = BoundAddresses(expectingMetrics: metrics != nil)
    let onReady = self.onReady
    var services: [any Service] = [try gatewayApplication(bound: bound, onReady: onReady)]
    if let metrics {
      services.append(metricsApplication(metrics, bound: bound, onReady: onReady))
    }
    let drain = core.drain
    let logger = self.logger
    try await withGracefulShutdownHandler {
      let group = ServiceGroup(
        configuration: ServiceGroupConfiguration(
          services: services.map { .init(service: $0) }, logger: logger))
      try await group.run()
    } onGracefulShutdown: {
      logger.notice("draining: streams end, connections close as their requests are answered")
      drain.begin()
    }
    await core.upstream.close()
  }

  private func gatewayApplication(
    bound: BoundAddresses, onReady: @escaping @Sendable (Addresses) async -> Void
  ) throws -> some Service {
    var http1 = HTTP1Channel.Configuration(idleTimeout: .init(configuration.idleTimeout))
    http1.httpDecoder = .init(
      maxHeaderFieldSize: configuration.maxHeaderSize, maxHeaderListSize: configuration.maxHeaderSize,
      maxHeaderFieldCount: 200)
    let executors = EventLoopExecutors()
    let channel = http1
    let server: HTTPServerBuilder
    if let tls = configuration.tls {
      let tlsConfiguration = TLSConfiguration.makeServerConfiguration(
        certificateChain: try NIOSSLCertificate.fromPEMFile(tls.certificateChainFile).map {
          .certificate($0)
        },
        privateKey: .privateKey(try NIOSSLPrivateKey(file: tls.privateKeyFile, format: .pem)))
      // Checked here, so a bad certificate or key fails at start, not at the first connection.
      _ = try NIOSSLContext(configuration: tlsConfiguration)
      server = HTTPServerBuilder { responder in
        EventLoopBoundChannel(
          base: try TLSChannel(
            HTTP1Channel(responder: responder, configuration: channel), tlsConfiguration: tlsConfiguration),
          executors: executors)
      }
    } else {
      server = HTTPServerBuilder { responder in
        EventLoopBoundChannel(
          base: HTTP1Channel(responder: responder, configuration: channel), executors: executors)
      }
    }
    let responder = GatewayResponder(
      core: core, files: StaticFiles(root: configuration.webRoot, logger: logger))
    return Application(
      responder: responder, server: server,
      configuration: ApplicationConfiguration(
        address: .hostname(configuration.host, port: configuration.port), serverName: "simpeg-web",
        backlog: 1024,
        availableConnectionsDelegate: MaximumAvailableConnections(configuration.maxConnections)),
      onServerRunning: { channel in
        if let ready = bound.set(http: Self.address(of: channel)) { await onReady(ready) }
      },
      logger: logger)
  }

  private func metricsApplication(
    _ metrics: (host: String, port: Int, text: @Sendable () -> String), bound: BoundAddresses,
    onReady: @escaping @Sendable (Addresses) async -> Void
  ) -> some Service {
    let router = Router()
    router.get("/metrics") { _, _ in
      Response(
        status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
        body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.text())))
    }
    return Application(
      router: router,
      configuration: ApplicationConfiguration(
        address: .hostname(metrics.host, port: metrics.port), serverName: "simpeg-web"),
      onServerRunning: { channel in
        if let ready = bound.set(metrics: Self.address(of: channel)) { await onReady(ready) }
      },
      logger: logger)
  }

  private static func address(of channel: any Channel) -> String {
    guard let address = channel.localAddress else { return "?" }
    let host = address.ipAddress ?? "?"
    let port = address.port ?? 0
    return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
  }
}

/// Collects the two listeners' addresses as they bind and hands them out once, when all are in.
private final class BoundAddresses: Sendable {
  private struct State {
    var http: String?
    var metrics: String?
    var reported = false
  }

  private let expectingMetrics: Bool
  private let state = NIOLockedValueBox(State())

  init(expectingMetrics: Bool) {
    self.expectingMetrics = expectingMetrics
  }

  func set(http: String) -> WebGateway.Addresses? {
    state.withLockedValue { state in
      state.http = http
      return ready(&state)
    }
  }

  func set(metrics: String) -> WebGateway.Addresses? {
    state.withLockedValue { state in
      state.metrics = metrics
      return ready(&state)
    }
  }

  private func ready(_ state: inout State) -> WebGateway.Addresses? {
    guard !state.reported, let http = state.http, !expectingMetrics || state.metrics != nil else {
      return nil
    }
    state.reported = true
    return WebGateway.Addresses(http: http, metrics: state.metrics)
  }
}
