import NIOCore
import SwiftProtobuf

/// The requests of a client-streaming or bidirectional call, as they arrive.
///
/// Iterating ends when the client ends its stream; it throws when the call is cancelled, its
/// deadline passes, or a message does not decode (`INVALID_ARGUMENT`). Reading returns credit
/// to the client, so a handler that stops reading stops the client from sending.
public struct RequestStream<Message: SwiftProtobuf.Message>: AsyncSequence, Sendable {
  /// The element type.
  public typealias Element = Message

  let queue: InboundMessageQueue

  /// Creates an iterator.
  public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(queue: queue) }

  /// Iterates the requests.
  public struct AsyncIterator: AsyncIteratorProtocol {
    let queue: InboundMessageQueue

    /// The next request, or `nil` at the end of the client's stream.
    public mutating func next() async throws -> Message? {
      guard let buffer = try await queue.next() else { return nil }
      do {
        return try Message(buffer: buffer)
      } catch {
        throw RPCError(
          .invalidArgument, "a request message does not decode as \(Message.protoMessageName)")
      }
    }
  }
}

/// Sends the responses of a server-streaming or bidirectional call.
///
/// `write` returns once the message is handed to the connection; it waits while the client has
/// no credit left (it is not reading), and throws once the call has ended (cancelled, deadline
/// passed, connection lost). Writes from one writer must not overlap.
public struct ResponseWriter<Message: SwiftProtobuf.Message>: Sendable {
  let call: ServerCall

  /// Sends one response.
  public func write(_ message: Message) async throws {
    let buffer: ByteBuffer
    do {
      buffer = try message.serializedBuffer()
    } catch {
      throw RPCError(.internal, "a response of \(Message.protoMessageName) does not encode")
    }
    try await call.send(buffer)
  }

  /// Sets metadata sent with the trailer when the call ends successfully.
  public func setTrailingMetadata(_ metadata: Metadata) {
    call.setTrailingMetadata(metadata)
  }
}
