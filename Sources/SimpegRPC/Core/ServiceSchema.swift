import SwiftProtobuf

/// What calling a method again does, as the proto's `idempotency_level` option declares it.
public enum MethodIdempotency: String, Sendable, Hashable {
  /// Not declared: the call may change state each time.
  case unknown
  /// Calling it again with the same request changes nothing more (it may still change state once).
  case idempotent
  /// It only reads: no state changes at all, so it may be called with HTTP GET and cached.
  case noSideEffects
}

/// One method with its message types: what a generic client needs to call it from JSON.
public struct MethodSchema: Sendable {
  /// The method.
  public let descriptor: MethodDescriptor
  /// The request message type.
  public let input: any SwiftProtobuf.Message.Type
  /// The response message type.
  public let output: any SwiftProtobuf.Message.Type
  /// What calling it again does, from the proto's `idempotency_level`.
  public let idempotency: MethodIdempotency

  /// Creates a schema entry.
  public init(
    _ descriptor: MethodDescriptor, input: any SwiftProtobuf.Message.Type,
    output: any SwiftProtobuf.Message.Type, idempotency: MethodIdempotency = .unknown
  ) {
    self.descriptor = descriptor
    self.input = input
    self.output = output
    self.idempotency = idempotency
  }
}

/// A service with all its methods, as generated from its proto file.
public struct ServiceSchema: Sendable {
  /// The fully qualified name, e.g. `simpeg.v1.HealthService`.
  public let name: String
  /// The methods in proto order.
  public let methods: [MethodSchema]

  /// Creates a schema.
  public init(name: String, methods: [MethodSchema]) {
    self.name = name
    self.methods = methods
  }
}
