import NIOCore

/// Splits the inbound byte stream into the peer's preface and then frames.
///
/// The declared length of a frame is checked against `maxFrameSize` as soon as its 10-byte
/// header is readable, before any payload is buffered; a longer frame is refused with
/// `FRAME_TOO_LARGE`. The magic is checked byte by byte as it arrives, so a peer that speaks
/// another protocol is refused after its first wrong byte. Frame types, and call ids for
/// connection-level frames, are checked here too; everything about calls is the connection
/// handler's business.
struct FrameDecoder: NIOSingleStepByteToMessageDecoder {
  /// What the decoder yields.
  enum Event: Sendable {
    /// The peer's preface with the version it speaks.
    case preface(version: UInt16)
    /// A frame.
    case frame(Frame)
  }

  typealias InboundOut = Event

  /// The largest payload accepted.
  let maxFrameSize: UInt32
  private var prefaceRead = false

  init(maxFrameSize: UInt32) {
    self.maxFrameSize = maxFrameSize
  }

  mutating func decode(buffer: inout ByteBuffer) throws -> Event? {
    if !prefaceRead {
      return try decodePreface(buffer: &buffer)
    }
    guard
      let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self),
      let rawType = buffer.getInteger(at: buffer.readerIndex + 4, as: UInt8.self),
      let flags = buffer.getInteger(at: buffer.readerIndex + 5, as: UInt8.self),
      let callID = buffer.getInteger(at: buffer.readerIndex + 6, as: UInt32.self)
    else { return nil }
    guard length <= maxFrameSize else {
      throw ProtocolViolation(
        .frameTooLarge,
        "frame of \(length) bytes exceeds the limit of \(maxFrameSize) bytes; "
          + "send smaller messages or ask the operator to raise max-frame-size")
    }
    guard let type = FrameType(rawValue: rawType) else {
      throw ProtocolViolation(.protocolError, "unknown frame type 0x\(String(rawType, radix: 16))")
    }
    if type.isConnectionLevel != (callID == 0) {
      throw ProtocolViolation(
        .protocolError,
        type.isConnectionLevel
          ? "\(type) frame must have call id 0, got \(callID)"
          : "\(type) frame must have a non-zero call id")
    }
    guard
      let payload = buffer.getSlice(
        at: buffer.readerIndex + WireProtocol.frameHeaderLength, length: Int(length))
    else { return nil }  // the payload has not all arrived yet
    buffer.moveReaderIndex(forwardBy: WireProtocol.frameHeaderLength + Int(length))
    return .frame(Frame(type: type, flags: FrameFlags(rawValue: flags), callID: callID, payload: payload))
  }

  mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> Event? {
    try decode(buffer: &buffer)
  }

  private mutating func decodePreface(buffer: inout ByteBuffer) throws -> Event? {
    let available = min(buffer.readableBytes, WireProtocol.magic.count)
    if let seen = buffer.getBytes(at: buffer.readerIndex, length: available),
      seen != Array(WireProtocol.magic.prefix(available))
    {
      throw ProtocolViolation(
        .badPreface, "the connection did not start with the simpeg preface (see PROTOCOL.md)")
    }
    guard
      let version = buffer.getInteger(at: buffer.readerIndex + WireProtocol.magic.count, as: UInt16.self)
    else { return nil }
    buffer.moveReaderIndex(forwardBy: WireProtocol.prefaceLength)
    prefaceRead = true
    return .preface(version: version)
  }
}
