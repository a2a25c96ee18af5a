import Logging
import NIOCore
import NIOPosix
import NIOSSL
import SwiftProtobuf
import Synchronization

/// A client of the simpeg wire protocol: many concurrent calls over one or more connections.
///
/// Connections open on first use and reopen on the next call after they are lost, so a client
/// survives a server restart. Calls carry the configured default metadata (e.g. the session
/// token) and deadline. Generated typed clients wrap it; it is also usable directly with
/// ``MethodDescriptor``s.
public final class RPCClient: Sendable {
  private let configuration: ClientConfiguration
  private let connections: [ClientConnection]
  /// The connections by the event loop they live on.
  private let connectionsByLoop: [ObjectIdentifier: [ClientConnection]]
  private let nextConnection = Atomic<Int>(0)

  /// The server's address as given (`host:port`), or "the in-process server".
  public let target: String

  /// Creates a client of `host:port`. Throws when the TLS settings cannot be used (e.g. the
  /// trust roots file does not read).
  public convenience init(
    host: String, port: Int, configuration: ClientConfiguration = ClientConfiguration(),
    eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
  ) throws {
    var sslContext: NIOSSLContext?
    if let tls = configuration.tls {
      var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
      if let roots = tls.trustRootsFile {
        tlsConfiguration.trustRoots = .file(roots)
      }
      if !tls.verifyCertificate {
        tlsConfiguration.certificateVerification = .none
      }
      sslContext = try NIOSSLContext(configuration: tlsConfiguration)
    }
    self.init(
      endpoint: .tcp(host: host, port: port, sslContext: sslContext), configuration: configuration,
      eventLoopGroup: eventLoopGroup)
  }

  /// Creates a client of `server` in this process: its connections are held in memory, without
  /// sockets, and carry the protocol exactly as over TCP (frames, credit, deadlines,
  /// cancellation, GOAWAY). The server need not listen (``ServerConfiguration/Transport/inProcessOnly``);
  /// TLS settings are ignored.
  public convenience init(
    inProcess server: RPCServer, configuration: ClientConfiguration = ClientConfiguration(),
    eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
  ) {
    self.init(endpoint: .inProcess(server), configuration: configuration, eventLoopGroup: eventLoopGroup)
  }

  private init(
    endpoint: ClientEndpoint, configuration: ClientConfiguration, eventLoopGroup: any EventLoopGroup
  ) {
    self.configuration = configuration
    self.target = endpoint.target
    connections = (0..<max(1, configuration.connections)).map { _ in
      ClientConnection(
        endpoint: endpoint, configuration: configuration, eventLoop: eventLoopGroup.next())
    }
    connectionsByLoop = Dictionary(grouping: connections) { ObjectIdentifier($0.eventLoop) }
  }

  /// Closes every connection; calls in flight fail `UNAVAILABLE` and later calls are refused.
  public func close() async {
    for connection in connections { await connection.close() }
  }

  // MARK: Calls

  /// Makes a unary call. A call the server provably did not process (it crossed the server's
  /// GOAWAY) is retried once on a new connection, so a graceful restart or an idle close never
  /// surfaces as an error.
  public func unary<Input: Message, Output: Message>(
    _ descriptor: MethodDescriptor, request: Input, options: CallOptions = CallOptions()
  ) async throws -> Output {
    let response = try await unary(descriptor, serializedRequest: try encode(request), options: options)
    return try decode(response.message)
  }

  /// Makes a unary call with a request already in protobuf's binary encoding, and returns the
  /// response as it arrived, with the trailer's metadata: for gateways and tools that carry
  /// messages without decoding them. Retried as the typed ``unary(_:request:options:)`` is.
  public func unary(
    _ descriptor: MethodDescriptor, serializedRequest: ByteBuffer, options: CallOptions = CallOptions()
  ) async throws -> SerializedResponse {
    var attempt = 0
    while true {
      attempt += 1
      let call = try await open(
        descriptor, options: options, firstMessage: serializedRequest, endStream: true)
      do {
        return try await withTaskCancellationHandler {
          guard let response = try await call.responses.next() else {
            throw RPCError(.internal, "the server ended a unary call without a response")
          }
          guard try await call.responses.next() == nil else {
            throw RPCError(.internal, "the server sent more than one response on a unary call")
          }
          return SerializedResponse(message: response, trailingMetadata: call.trailingMetadata)
        } onCancel: {
          call.cancel()
        }
      } catch let error as RPCError where call.wasUnprocessed && attempt < 3 {
        _ = error
        continue
      }
    }
  }

  /// Makes a server-streaming call; `handleResponses` reads the responses and its result is
  /// returned. If it returns before the stream ended, the call is cancelled.
  public func serverStreaming<Input: Message, Output: Message, Result: Sendable>(
    _ descriptor: MethodDescriptor, request: Input, options: CallOptions = CallOptions(),
    onResponse handleResponses: (ResponseStream<Output>) async throws -> Result
  ) async throws -> Result {
    try await serverStreaming(descriptor, serializedRequest: try encode(request), options: options) {
      try await handleResponses(ResponseStream(serialized: $0))
    }
  }

  /// Makes a server-streaming call with a request already in protobuf's binary encoding;
  /// `handleResponses` reads the responses as they arrived.
  public func serverStreaming<Result: Sendable>(
    _ descriptor: MethodDescriptor, serializedRequest: ByteBuffer,
    options: CallOptions = CallOptions(),
    onResponse handleResponses: (SerializedResponseStream) async throws -> Result
  ) async throws -> Result {
    let call = try await open(
      descriptor, options: options, firstMessage: serializedRequest, endStream: true)
    defer { call.cancel() }
    return try await withTaskCancellationHandler {
      try await handleResponses(SerializedResponseStream(call: call))
    } onCancel: {
      call.cancel()
    }
  }

  /// Makes a client-streaming call: `produceRequests` writes the requests, and the request
  /// stream ends when it returns. If it throws, the call is cancelled and the error rethrown.
  public func clientStreaming<Input: Message, Output: Message>(
    _ descriptor: MethodDescriptor, options: CallOptions = CallOptions(),
    requests produceRequests: @Sendable (RequestWriter<Input>) async throws -> Void
  ) async throws -> Output {
    let response = try await clientStreaming(descriptor, options: options) { writer in
      try await produceRequests(RequestWriter(serialized: writer))
    }
    return try decode(response.message)
  }

  /// Makes a client-streaming call whose requests are written already in protobuf's binary
  /// encoding; returns the response as it arrived, with the trailer's metadata.
  public func clientStreaming(
    _ descriptor: MethodDescriptor, options: CallOptions = CallOptions(),
    requests produceRequests: @Sendable (SerializedRequestWriter) async throws -> Void
  ) async throws -> SerializedResponse {
    let call = try await open(descriptor, options: options, firstMessage: nil, endStream: false)
    return try await withTaskCancellationHandler {
      do {
        try await produceRequests(SerializedRequestWriter(call: call))
        call.halfClose()
      } catch {
        call.cancel()
        throw error
      }
      guard let response = try await call.responses.next() else {
        throw RPCError(.internal, "the server ended a client-streaming call without a response")
      }
      guard try await call.responses.next() == nil else {
        throw RPCError(.internal, "the server sent more than one response on a client-streaming call")
      }
      return SerializedResponse(message: response, trailingMetadata: call.trailingMetadata)
    } onCancel: {
      call.cancel()
    }
  }

  /// Makes a bidirectional call: `produceRequests` writes requests (the stream ends when it
  /// returns) while `handleResponses` reads responses; the latter's result is returned.
  public func bidirectionalStreaming<Input: Message, Output: Message, Result: Sendable>(
    _ descriptor: MethodDescriptor, options: CallOptions = CallOptions(),
    requests produceRequests: @escaping @Sendable (RequestWriter<Input>) async throws -> Void,
    onResponse handleResponses: (ResponseStream<Output>) async throws -> Result
  ) async throws -> Result {
    let call = try await open(descriptor, options: options, firstMessage: nil, endStream: false)
    defer { call.cancel() }
    return try await withTaskCancellationHandler {
      try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask {
          do {
            try await produceRequests(RequestWriter(serialized: SerializedRequestWriter(call: call)))
            call.halfClose()
          } catch {
            call.cancel()
            throw error
          }
        }
        let result = try await handleResponses(
          ResponseStream(serialized: SerializedResponseStream(call: call)))
        try await group.waitForAll()
        return result
      }
    } onCancel: {
      call.cancel()
    }
  }

  // MARK: Internals

  private func open(
    _ descriptor: MethodDescriptor, options: CallOptions, firstMessage: ByteBuffer?,
    endStream: Bool
  ) async throws -> ClientCall {
    try Task.checkCancellation()
    let ready = try await connection().ready()
    var header = Simpeg_Rpc_V1_CallHeader()
    header.method = descriptor.fullName
    let timeout = options.timeout ?? configuration.defaultTimeout
    if let timeout {
      let (seconds, attoseconds) = timeout.components
      header.timeoutMicros = UInt64(
        clamping: max(1, seconds * 1_000_000 + attoseconds / 1_000_000_000_000))
    }
    var metadata = configuration.defaultMetadata
    metadata.add(contentsOf: options.metadata)
    header.metadata = metadata.wire
    let headerBuffer = try header.serializedBuffer()
    guard headerBuffer.readableBytes <= ready.settings.maxCallHeaderSize else {
      throw RPCError(
        .resourceExhausted,
        "the call header of \(headerBuffer.readableBytes) bytes exceeds the server's limit of "
          + "\(ready.settings.maxCallHeaderSize) bytes; send less metadata")
    }
    let call = ClientCall(
      descriptor: descriptor, connection: ready, responseWindow: configuration.initialCallWindow)
    if let firstMessage { try call.checkSize(firstMessage) }
    call.start(header: headerBuffer, firstMessage: firstMessage, endStream: endStream, timeout: timeout)
    return call
  }

  /// The connection for the next call: in turn among those on the caller's event loop when the
  /// caller runs on one (a server handling requests there, as the web gateway does), so the
  /// call and its answer stay on that thread; else in turn among all.
  func connection() -> ClientConnection {
    let turn = nextConnection.wrappingAdd(1, ordering: .relaxed).oldValue
    if let current = MultiThreadedEventLoopGroup.currentEventLoop,
      let local = connectionsByLoop[ObjectIdentifier(current)]
    {
      return local[turn % local.count]
    }
    return connections[turn % connections.count]
  }

  private func encode<Input: Message>(_ request: Input) throws -> ByteBuffer {
    do {
      return try request.serializedBuffer()
    } catch {
      throw RPCError(.invalidArgument, "the request of \(Input.protoMessageName) does not encode")
    }
  }

  private func decode<Output: Message>(_ buffer: ByteBuffer) throws -> Output {
    do {
      return try Output(buffer: buffer)
    } catch {
      throw RPCError(.internal, "the response does not decode as \(Output.protoMessageName)")
    }
  }
}
