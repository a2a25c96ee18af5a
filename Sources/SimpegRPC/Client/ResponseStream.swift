import NIOCore
import SwiftProtobuf

/// The responses of a server-streaming or bidirectional call, as they arrive.
///
/// Iterating ends when the server ends the call successfully and throws ``RPCError`` when it
/// ends with another status. Reading returns credit to the server, so a client that stops
/// reading stops the server from sending.
public struct ResponseStream<Message: SwiftProtobuf.Message>: AsyncSequence, Sendable {
  /// The element type.
  public typealias Element = Message

  let serialized: SerializedResponseStream

  /// Creates an iterator.
  public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(call: serialized.call) }

  /// Metadata the server sent with a successful trailer; available after iteration ended.
  public var trailingMetadata: Metadata { serialized.trailingMetadata }

  /// Iterates the responses.
  public struct AsyncIterator: AsyncIteratorProtocol {
    let call: ClientCall

    /// The next response, or `nil` once the call ended successfully.
    public mutating func next() async throws -> Message? {
      guard let buffer = try await call.responses.next() else { return nil }
      do {
        return try Message(buffer: buffer)
      } catch {
        call.cancel()
        throw RPCError(.internal, "a response does not decode as \(Message.protoMessageName)")
      }
    }
  }
}

/// The responses of a streaming call as they came off the wire, each one message in protobuf's
/// binary encoding: for gateways that pass messages on without decoding them.
///
/// Iterating ends when the server ends the call successfully and throws ``RPCError`` (with the
/// trailer's details and metadata) when it ends with another status. Reading returns credit to
/// the server, as ``ResponseStream`` does.
public struct SerializedResponseStream: AsyncSequence, Sendable {
  /// The element type: one encoded message.
  public typealias Element = ByteBuffer

  let call: ClientCall

  /// Creates an iterator.
  public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(call: call) }

  /// Metadata the server sent with a successful trailer; available after iteration ended.
  public var trailingMetadata: Metadata { call.trailingMetadata }

  /// Iterates the responses.
  public struct AsyncIterator: AsyncIteratorProtocol {
    let call: ClientCall

    /// The next response, or `nil` once the call ended successfully.
    public mutating func next() async throws -> ByteBuffer? {
      try await call.responses.next()
    }
  }
}

/// A response as it came off the wire, with the metadata of the trailer that ended its call.
public struct SerializedResponse: Sendable {
  /// The response message in protobuf's binary encoding.
  public var message: ByteBuffer
  /// The trailer's metadata.
  public var trailingMetadata: Metadata

  /// Creates a response.
  public init(message: ByteBuffer, trailingMetadata: Metadata) {
    self.message = message
    self.trailingMetadata = trailingMetadata
  }
}

/// Sends the requests of a client-streaming or bidirectional call.
///
/// `write` waits while the server has no credit left for this call, and throws once the call
/// has ended.
public struct RequestWriter<Message: SwiftProtobuf.Message>: Sendable {
  let serialized: SerializedRequestWriter

  /// Sends one request.
  public func write(_ message: Message) async throws {
    let buffer: ByteBuffer
    do {
      buffer = try message.serializedBuffer()
    } catch {
      throw RPCError(.invalidArgument, "a request of \(Message.protoMessageName) does not encode")
    }
    try await serialized.write(buffer)
  }
}

/// Sends requests already in protobuf's binary encoding on a client-streaming or bidirectional
/// call, with the same waiting for credit as ``RequestWriter``.
public struct SerializedRequestWriter: Sendable {
  let call: ClientCall

  /// Sends one encoded request; `RESOURCE_EXHAUSTED` when it is larger than the server accepts.
  public func write(_ message: ByteBuffer) async throws {
    try await call.send(message)
  }
}
