import NIOCore
import SwiftProtobuf

/// A `ByteBuffer` seen as the bag of bytes SwiftProtobuf reads from and writes into, so messages
/// are encoded straight into a buffer and decoded straight out of one, with no extra copy. It
/// serves both of SwiftProtobuf's encodings: binary here, JSON in gateways.
public struct ProtobufBuffer: SwiftProtobufContiguousBytes {
  /// The bytes: the readable bytes of the buffer.
  public var buffer: ByteBuffer

  /// Wraps the readable bytes of `buffer`.
  public init(_ buffer: ByteBuffer) { self.buffer = buffer }

  /// `count` copies of `repeating`.
  public init(repeating: UInt8, count: Int) {
    buffer = ByteBuffer(repeating: repeating, count: count)
  }

  /// The bytes of `sequence`.
  public init<S: Sequence>(_ sequence: S) where S.Element == UInt8 {
    buffer = ByteBuffer(bytes: sequence)
  }

  /// The number of bytes.
  public var count: Int { buffer.readableBytes }

  /// Calls `body` with the bytes.
  public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    try buffer.withUnsafeReadableBytes(body)
  }

  /// Calls `body` with the bytes, writable.
  public mutating func withUnsafeMutableBytes<R>(
    _ body: (UnsafeMutableRawBufferPointer) throws -> R
  ) rethrows -> R {
    try buffer.withUnsafeMutableReadableBytes(body)
  }
}

extension SwiftProtobuf.Message {
  /// The message in protobuf binary form, in a fresh buffer.
  public func serializedBuffer() throws -> ByteBuffer {
    let bytes: ProtobufBuffer = try serializedBytes()
    return bytes.buffer
  }

  /// Decodes a message from the readable bytes of `buffer`.
  public init(buffer: ByteBuffer) throws {
    try self.init(serializedBytes: ProtobufBuffer(buffer))
  }
}
