import SwiftProtobuf

/// One method with its message types: what a generic client needs to call it from JSON.
public struct MethodSchema: Sendable {
  /// The method.
  public let descriptor: MethodDescriptor
  /// The request message type.
  public let input: any SwiftProtobuf.Message.Type
  /// The response message type.
  public let output: any SwiftProtobuf.Message.Type

  /// Creates a schema entry.
  public init(
    _ descriptor: MethodDescriptor, input: any SwiftProtobuf.Message.Type,
    output: any SwiftProtobuf.Message.Type
  ) {
    self.descriptor = descriptor
    self.input = input
    self.output = output
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
