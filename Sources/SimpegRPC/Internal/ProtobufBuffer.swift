import NIOCore
import SwiftProtobuf

/// A `ByteBuffer` seen as the bag of bytes SwiftProtobuf reads from and writes into, so messages
/// are encoded straight into a buffer and decoded straight out of one, with no extra copy.
struct ProtobufBytes: SwiftProtobufContiguousBytes {
  var buffer: ByteBuffer

  init(_ buffer: ByteBuffer) { self.buffer = buffer }

  init(repeating: UInt8, count: Int) {
    buffer = ByteBuffer(repeating: repeating, count: count)
  }

  init<S: Sequence>(_ sequence: S) where S.Element == UInt8 {
    buffer = ByteBuffer(bytes: sequence)
  }

  var count: Int { buffer.readableBytes }

  func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    try buffer.withUnsafeReadableBytes(body)
  }

  mutating func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R)
    rethrows -> R
  {
    try buffer.withUnsafeMutableReadableBytes(body)
  }
}

extension SwiftProtobuf.Message {
  /// The message in protobuf binary form, in a fresh buffer.
  func serializedBuffer() throws -> ByteBuffer {
    let bytes: ProtobufBytes = try serializedBytes()
    return bytes.buffer
  }

  /// Decodes a message from the readable bytes of `buffer`.
  init(buffer: ByteBuffer) throws {
    try self.init(serializedBytes: ProtobufBytes(buffer))
  }
}
