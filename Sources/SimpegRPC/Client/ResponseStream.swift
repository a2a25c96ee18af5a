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

  let call: ClientCall

  /// Creates an iterator.
  public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(call: call) }

  /// Metadata the server sent with a successful trailer; available after iteration ended.
  public var trailingMetadata: Metadata { call.trailingMetadata }

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

/// Sends the requests of a client-streaming or bidirectional call.
///
/// `write` waits while the server has no credit left for this call, and throws once the call
/// has ended.
public struct RequestWriter<Message: SwiftProtobuf.Message>: Sendable {
  let call: ClientCall

  /// Sends one request.
  public func write(_ message: Message) async throws {
    let buffer: ByteBuffer
    do {
      buffer = try message.serializedBuffer()
    } catch {
      throw RPCError(.invalidArgument, "a request of \(Message.protoMessageName) does not encode")
    }
    try await call.send(buffer)
  }
}
