/// What a handler knows of the call it serves, beside the request itself.
///
/// Interceptors may add typed values (e.g. the authenticated caller) with ``ContextKey``s
/// before the handler runs; handlers read them with the subscript.
public struct ServerContext: Sendable {
  /// The method called.
  public let method: MethodDescriptor
  /// The call metadata sent by the client.
  public let metadata: Metadata
  /// The remote address, e.g. `127.0.0.1:53412`, for logs.
  public let peer: String
  /// The remote host without the port, e.g. `127.0.0.1`.
  public var peerHost: Substring {
    guard let colon = peer.lastIndex(of: ":") else { return Substring(peer) }
    return peer[..<colon]
  }
  /// Whether the peer is a trusted forwarder (``ServerConfiguration/trustedForwarders``).
  public let peerIsTrustedForwarder: Bool
  /// The client's host, for per-client limits: the `forwarded-for` metadata when a trusted
  /// forwarder (a gateway calling for its clients) sends it, else ``peerHost``. From any other
  /// peer `forwarded-for` is ignored, so a client cannot choose the host it is counted as.
  public var clientHost: Substring {
    if peerIsTrustedForwarder, let forwarded = metadata["forwarded-for"], !forwarded.isEmpty,
      forwarded.utf8.count <= 64
    {
      return Substring(forwarded)
    }
    return peerHost
  }
  /// When the call must be finished by, if the client set a deadline. The server ends the call
  /// with `DEADLINE_EXCEEDED` at that moment and cancels the handler's task.
  public let deadline: ContinuousClock.Instant?
  /// The call id on its connection, for logs.
  public let callID: UInt32
  /// The largest response message the client accepts: the max frame size its SETTINGS
  /// announced. A larger response ends the call with `RESOURCE_EXHAUSTED`, so a handler that
  /// chooses the size of what it sends (a backup's chunks) keeps within it.
  public let maxResponseSize: Int
  private var values: [ObjectIdentifier: any Sendable] = [:]

  /// Creates a context; the server does this for every call.
  public init(
    method: MethodDescriptor, metadata: Metadata, peer: String,
    deadline: ContinuousClock.Instant?, callID: UInt32, peerIsTrustedForwarder: Bool = false,
    maxResponseSize: Int = Int(WireProtocol.defaultMaxFrameSize)
  ) {
    self.method = method
    self.metadata = metadata
    self.peer = peer
    self.deadline = deadline
    self.callID = callID
    self.maxResponseSize = maxResponseSize
    self.peerIsTrustedForwarder = peerIsTrustedForwarder
  }

  /// The client's request id (`request-id` metadata), if it sent one.
  public var requestID: String? { metadata["request-id"] }

  /// A value an interceptor attached under `key`.
  public subscript<Key: ContextKey>(key: Key.Type) -> Key.Value? {
    get { values[ObjectIdentifier(key)] as? Key.Value }
    set { values[ObjectIdentifier(key)] = newValue }
  }
}

/// A key for a typed value carried in a ``ServerContext``.
public protocol ContextKey {
  /// The type of the value.
  associatedtype Value: Sendable
}
