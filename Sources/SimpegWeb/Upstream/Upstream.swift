import AsyncAlgorithms
import Logging
import NIOCore
import SimpegAPI
import SimpegRPC
import SwiftProtobuf

/// simpegd as the gateway reaches it: one ``RPCClient`` over a few multiplexed connections,
/// shared by every request. Connections open on first use and reopen after simpegd restarts,
/// so the gateway recovers by itself.
///
/// Every failure comes out as an ``RPCError``: one from simpegd as it is, a lost or refused
/// connection as `UNAVAILABLE`.
struct Upstream: Sendable {
  /// The client.
  let client: RPCClient

  /// Creates the upstream of `configuration`.
  init(configuration: UpstreamConfiguration) throws {
    var client = ClientConfiguration()
    client.connections = configuration.connections
    client.connectTimeout = configuration.connectTimeout
    client.maxFrameSize = UInt32(clamping: configuration.maxMessageSize)
    if configuration.tls {
      var tls = ClientTLSConfiguration(
        trustRootsFile: configuration.caFile, serverHostname: configuration.serverName)
      tls.verifyCertificate = true
      client.tls = tls
    }
    self.client = try RPCClient(
      host: configuration.host, port: configuration.port, configuration: client)
  }

  /// Makes a unary call with an encoded request.
  func unary(
    _ descriptor: MethodDescriptor, request: ByteBuffer, options: CallOptions
  ) async throws(RPCError) -> SerializedResponse {
    do {
      return try await client.unary(descriptor, serializedRequest: request, options: options)
    } catch {
      throw Self.rpcError(error)
    }
  }

  /// Makes a typed unary call (the gateway's own calls: login, health, session checks).
  func unary<Input: SwiftProtobuf.Message, Output: SwiftProtobuf.Message>(
    _ descriptor: MethodDescriptor, request: Input, options: CallOptions
  ) async throws(RPCError) -> Output {
    do {
      return try await client.unary(descriptor, request: request, options: options)
    } catch {
      throw Self.rpcError(error)
    }
  }

  /// Makes a server-streaming call with an encoded request; `handle` reads the responses.
  func serverStreaming(
    _ descriptor: MethodDescriptor, request: ByteBuffer, options: CallOptions,
    handle: (SerializedResponseStream) async throws -> Void
  ) async throws(RPCError) {
    do {
      try await client.serverStreaming(descriptor, serializedRequest: request, options: options) {
        try await handle($0)
      }
    } catch {
      throw Self.rpcError(error)
    }
  }

  /// Makes a client-streaming call whose encoded requests `produce` writes.
  func clientStreaming(
    _ descriptor: MethodDescriptor, options: CallOptions,
    produce: @Sendable (SerializedRequestWriter) async throws -> Void
  ) async throws(RPCError) -> SerializedResponse {
    do {
      return try await client.clientStreaming(descriptor, options: options, requests: produce)
    } catch {
      throw Self.rpcError(error)
    }
  }

  /// Relays a server stream of simpegd into `chunks`: each response as `frame` makes it, then
  /// the stream's end as `end` makes it from the error (nil on success) and trailing metadata.
  /// Nothing more is sent once the relay is cancelled (the client left or the gateway drains).
  func relay(
    _ descriptor: MethodDescriptor, request: ByteBuffer, options: CallOptions,
    into chunks: AsyncChannel<ByteBuffer>, frame: (ByteBuffer) throws -> ByteBuffer,
    end: (RPCError?, Metadata) -> ByteBuffer
  ) async {
    var failure: RPCError?
    var trailing = Metadata()
    do {
      try await serverStreaming(descriptor, request: request, options: options) { responses in
        for try await message in responses {
          await chunks.send(try frame(message))
        }
        trailing = responses.trailingMetadata
      }
    } catch {
      failure = error
    }
    if Task.isCancelled { return }
    await chunks.send(end(failure, failure?.metadata ?? trailing))
  }

  /// Closes the connections.
  func close() async { await client.close() }

  /// `error` as the status a caller sees: an ``RPCError`` as it is; cancellation as
  /// `CANCELLED`; anything else as `UNAVAILABLE`, since it can only come from reaching simpegd.
  static func rpcError(_ error: any Error) -> RPCError {
    if let error = error as? RPCError { return error }
    if error is CancellationError { return RPCError(.cancelled, "the call was cancelled") }
    return RPCError(.unavailable, "simpegd cannot be reached; try again shortly")
  }
}

/// Where simpegd is and how to reach it.
struct UpstreamConfiguration: Sendable {
  /// simpegd's host.
  var host = "127.0.0.1"
  /// simpegd's port.
  var port = 7400
  /// Connections to spread calls over; each carries up to simpegd's `max-concurrent-calls`
  /// (100 by default) at once, open streams included.
  var connections = 4
  /// Whether to speak TLS to simpegd.
  var tls = false
  /// CA certificates to trust for simpegd's certificate; nil for the system's.
  var caFile: String?
  /// The name expected in simpegd's certificate; nil for the host.
  var serverName: String?
  /// How long connecting to simpegd may take.
  var connectTimeout: Duration = .seconds(5)
  /// The largest response accepted from simpegd.
  var maxMessageSize = 4 << 20
}
