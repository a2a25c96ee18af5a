import NIOCore
import SwiftProtobuf

/// The methods a server serves, by full name, each with its type-erased handler.
///
/// Generated code fills it through ``RPCService/registerMethods(with:)``; registering a method
/// twice keeps the later handler.
public struct RPCRouter: Sendable {
  struct Route: Sendable {
    let descriptor: MethodDescriptor
    let handle: @Sendable (ServerCall, ServerContext) async throws -> Void
  }

  private(set) var routes: [String: Route] = [:]

  /// Creates an empty router.
  public init() {}

  /// Registers every method of `service`.
  public mutating func register(_ service: some RPCService) {
    service.registerMethods(with: &self)
  }

  /// The methods registered, sorted by full name.
  public var methods: [MethodDescriptor] {
    routes.values.map(\.descriptor).sorted { $0.fullName < $1.fullName }
  }

  /// Registers a unary method.
  public mutating func registerUnary<Input: Message, Output: Message>(
    _ descriptor: MethodDescriptor,
    _ handler: @escaping @Sendable (Input, ServerContext) async throws -> Output
  ) {
    routes[descriptor.fullName] = Route(descriptor: descriptor) { call, context in
      let request: Input = try call.decodeRequest()
      let response = try await handler(request, context)
      call.setUnaryResponse(try Self.encode(response))
    }
  }

  /// Registers a server-streaming method.
  public mutating func registerServerStreaming<Input: Message, Output: Message>(
    _ descriptor: MethodDescriptor,
    _ handler:
      @escaping @Sendable (Input, ResponseWriter<Output>, ServerContext) async throws ->
      Void
  ) {
    routes[descriptor.fullName] = Route(descriptor: descriptor) { call, context in
      let request: Input = try call.decodeRequest()
      try await handler(request, ResponseWriter(call: call), context)
    }
  }

  /// Registers a client-streaming method.
  public mutating func registerClientStreaming<Input: Message, Output: Message>(
    _ descriptor: MethodDescriptor,
    _ handler: @escaping @Sendable (RequestStream<Input>, ServerContext) async throws -> Output
  ) {
    routes[descriptor.fullName] = Route(descriptor: descriptor) { call, context in
      let response = try await handler(RequestStream(queue: call.requests), context)
      call.setUnaryResponse(try Self.encode(response))
    }
  }

  /// Registers a bidirectional-streaming method.
  public mutating func registerBidirectionalStreaming<Input: Message, Output: Message>(
    _ descriptor: MethodDescriptor,
    _ handler:
      @escaping @Sendable (RequestStream<Input>, ResponseWriter<Output>, ServerContext)
      async throws -> Void
  ) {
    routes[descriptor.fullName] = Route(descriptor: descriptor) { call, context in
      try await handler(RequestStream(queue: call.requests), ResponseWriter(call: call), context)
    }
  }

  private static func encode<Output: Message>(_ response: Output) throws -> ByteBuffer {
    do {
      return try response.serializedBuffer()
    } catch {
      throw RPCError(.internal, "the response of \(Output.protoMessageName) does not encode")
    }
  }
}
