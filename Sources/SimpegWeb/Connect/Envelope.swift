import NIOCore
import SimpegRPC

/// One message of a Connect stream with its framing: a flags byte, a 4-byte big-endian length,
/// then the message (connectrpc.com/docs/protocol, "Streaming-Request").
struct Envelope: Sendable, Equatable {
  /// Flag bit: the message is compressed.
  static let compressedFlag: UInt8 = 0x01
  /// Flag bit: the message is the EndStreamResponse, the last of a response stream.
  static let endStreamFlag: UInt8 = 0x02
  /// The framing's length in bytes.
  static let headerLength = 5

  /// The flags byte.
  var flags: UInt8
  /// The message bytes.
  var message: ByteBuffer

  /// Writes `message` with its framing into a new buffer.
  static func framed(_ message: ByteBuffer, flags: UInt8 = 0) -> ByteBuffer {
    var buffer = ByteBuffer()
    buffer.reserveCapacity(headerLength + message.readableBytes)
    buffer.writeInteger(flags)
    buffer.writeInteger(UInt32(message.readableBytes))
    var message = message
    buffer.writeBuffer(&message)
    return buffer
  }
}

/// Splits the body of a streaming request into envelopes as its bytes arrive in any pieces.
///
/// A pure state machine: ``append(_:)`` takes bytes, ``next()`` hands out whole envelopes. It
/// refuses, before buffering its message, an envelope whose length is over the limit, and
/// envelopes with flags a request may not carry (compression, which the gateway does not
/// accept, or end-of-stream, which only responses use).
struct EnvelopeReader {
  /// The largest message accepted.
  let maxMessageSize: Int
  private var buffer = ByteBuffer()

  /// Creates a reader.
  init(maxMessageSize: Int) {
    self.maxMessageSize = maxMessageSize
  }

  /// Takes more bytes of the body.
  mutating func append(_ bytes: ByteBuffer) {
    var bytes = bytes
    buffer.writeBuffer(&bytes)
  }

  /// The next whole envelope, nil when more bytes are needed; throws for one that breaks the
  /// rules above.
  mutating func next() throws(RPCError) -> Envelope? {
    guard buffer.readableBytes >= Envelope.headerLength,
      let flags = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self),
      let length = buffer.getInteger(at: buffer.readerIndex + 1, as: UInt32.self)
    else { return nil }
    if flags & Envelope.compressedFlag != 0 {
      throw RPCError(
        .unimplemented,
        "a request message is marked compressed; this gateway accepts only uncompressed "
          + "(identity) messages")
    }
    if flags & Envelope.endStreamFlag != 0 {
      throw RPCError(
        .invalidArgument, "a request message carries the end-of-stream flag, which only responses use")
    }
    guard Int(length) <= maxMessageSize else {
      throw RPCError(
        .resourceExhausted,
        "a request message of \(length) bytes is larger than the gateway's limit of "
          + "\(maxMessageSize) bytes (max-message-size)")
    }
    guard buffer.readableBytes >= Envelope.headerLength + Int(length) else { return nil }
    buffer.moveReaderIndex(forwardBy: Envelope.headerLength)
    let message = buffer.readSlice(length: Int(length))!
    if buffer.readableBytes == 0 { buffer.clear() }
    return Envelope(flags: flags, message: message)
  }

  /// Checks that the body ended between envelopes.
  func finish() throws(RPCError) {
    guard buffer.readableBytes == 0 else {
      throw RPCError(
        .invalidArgument,
        "the request body ends inside a message (\(buffer.readableBytes) bytes of an envelope "
          + "left); each message needs its 5-byte framing and all its bytes")
    }
  }
}
