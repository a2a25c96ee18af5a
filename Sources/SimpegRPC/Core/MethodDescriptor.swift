/// The four kinds of call: how many messages travel each way.
public enum CallKind: String, Sendable, Hashable, CaseIterable {
  /// One request, one response.
  case unary
  /// One request, a stream of responses.
  case serverStreaming
  /// A stream of requests, one response.
  case clientStreaming
  /// A stream each way.
  case bidirectionalStreaming

  /// Whether the client sends a stream of requests.
  public var clientStreams: Bool { self == .clientStreaming || self == .bidirectionalStreaming }
  /// Whether the server sends a stream of responses.
  public var serverStreams: Bool { self == .serverStreaming || self == .bidirectionalStreaming }
}

/// Names one method of one service, as it travels in the call header.
public struct MethodDescriptor: Sendable, Hashable, CustomStringConvertible {
  /// The fully qualified service name, e.g. `simpeg.v1.HealthService`.
  public let service: String
  /// The method name, e.g. `Check`.
  public let method: String
  /// The kind of call.
  public let kind: CallKind
  /// `service/method`, the name carried in the call header. Kept, not computed: every call
  /// reads it several times (routing, access rules, metrics, audit, the gateway's routes).
  public let fullName: String

  /// Creates a descriptor.
  public init(service: String, method: String, kind: CallKind) {
    self.service = service
    self.method = method
    self.kind = kind
    self.fullName = "\(service)/\(method)"
  }

  /// The full name.
  public var description: String { fullName }
}
