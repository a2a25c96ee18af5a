import NIOCore

/// One frame as read from or written to the wire: header fields and payload.
struct Frame: Sendable {
  /// The frame type.
  var type: FrameType
  /// The flag bits.
  var flags: FrameFlags
  /// The call the frame belongs to; 0 for connection frames.
  var callID: UInt32
  /// The payload, exactly as long as the header declared.
  var payload: ByteBuffer

  init(type: FrameType, flags: FrameFlags = [], callID: UInt32, payload: ByteBuffer) {
    self.type = type
    self.flags = flags
    self.callID = callID
    self.payload = payload
  }
}

extension ByteBuffer {
  /// Writes a frame header declaring `length` payload bytes.
  @inlinable
  mutating func writeFrameHeader(type: UInt8, flags: UInt8, callID: UInt32, length: Int) {
    writeInteger(UInt32(truncatingIfNeeded: length))
    writeInteger(type)
    writeInteger(flags)
    writeInteger(callID)
  }

  /// Writes a whole frame: header then payload.
  mutating func writeFrame(_ frame: Frame) {
    writeFrameHeader(
      type: frame.type.rawValue, flags: frame.flags.rawValue, callID: frame.callID,
      length: frame.payload.readableBytes)
    writeImmutableBuffer(frame.payload)
  }

  /// Writes the protocol preface with `version`.
  mutating func writePreface(version: UInt16 = WireProtocol.version) {
    writeBytes(WireProtocol.magic)
    writeInteger(version)
  }
}
