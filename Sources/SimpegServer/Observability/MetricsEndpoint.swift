import NIOCore
import NIOHTTP1
import NIOPosix
import Prometheus

/// A small HTTP/1.1 server for Prometheus: `GET /metrics` answers the registry in the text
/// exposition format; anything else gets 404. It runs on its own port, apart from the RPC
/// protocol, so scraping never competes with calls for connection slots.
public final class MetricsEndpoint: Sendable {
  private let registry: PrometheusCollectorRegistry
  private let channel: any Channel

  private init(registry: PrometheusCollectorRegistry, channel: any Channel) {
    self.registry = registry
    self.channel = channel
  }

  /// Starts listening on `host:port` (0 picks a free port).
  public static func start(
    host: String, port: Int, registry: PrometheusCollectorRegistry,
    group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
  ) async throws -> MetricsEndpoint {
    let channel = try await ServerBootstrap(group: group)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.configureHTTPServerPipeline()
          try channel.pipeline.syncOperations.addHandler(MetricsHTTPHandler(registry: registry))
        }
      }
      .bind(host: host, port: port).get()
    return MetricsEndpoint(registry: registry, channel: channel)
  }

  /// The port listened on.
  public var port: Int? { channel.localAddress?.port }

  /// Stops listening.
  public func stop() async {
    try? await channel.close()
  }
}

/// Answers one HTTP request at a time on a connection.
private final class MetricsHTTPHandler: ChannelInboundHandler {
  typealias InboundIn = HTTPServerRequestPart
  typealias OutboundOut = HTTPServerResponsePart

  let registry: PrometheusCollectorRegistry
  private var path = ""
  private var method = HTTPMethod.GET
  private var keepAlive = true

  init(registry: PrometheusCollectorRegistry) {
    self.registry = registry
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head(let head):
      path = head.uri.split(separator: "?").first.map(String.init) ?? head.uri
      method = head.method
      keepAlive = head.isKeepAlive
    case .body:
      break
    case .end:
      respond(context: context)
    }
  }

  private func respond(context: ChannelHandlerContext) {
    let found = method == .GET && path == "/metrics"
    let body = found ? registry.emitToBuffer() : Array("not found: try GET /metrics\n".utf8)
    var headers = HTTPHeaders()
    headers.add(
      name: "content-type",
      value: found ? "text/plain; version=0.0.4; charset=utf-8" : "text/plain; charset=utf-8")
    headers.add(name: "content-length", value: "\(body.count)")
    if !keepAlive { headers.add(name: "connection", value: "close") }
    let head = HTTPResponseHead(version: .http1_1, status: found ? .ok : .notFound, headers: headers)
    context.write(wrapOutboundOut(.head(head)), promise: nil)
    context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil)
    let keepAlive = self.keepAlive
    context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
      if !keepAlive { context.close(promise: nil) }
    }
  }
}
