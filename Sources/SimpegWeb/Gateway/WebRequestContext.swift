import Hummingbird
import NIOCore

/// What the gateway knows of a request besides the request itself: its connection, for the
/// peer's address and to notice a client that leaves during a stream.
public struct WebRequestContext: RequestContext {
  /// Hummingbird's own per-request state.
  public var coreContext: CoreRequestContextStorage
  /// The request's connection.
  let channel: any Channel

  /// Creates the context of a request on `source.channel`.
  public init(source: ApplicationRequestContextSource) {
    coreContext = CoreRequestContextStorage(source: source)
    channel = source.channel
  }

  /// The peer's IP address, without the port.
  var peerAddress: String {
    channel.remoteAddress?.ipAddress ?? "unknown"
  }
}
