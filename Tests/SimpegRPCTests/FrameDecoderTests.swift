import NIOCore
import NIOEmbedded
import Testing

@testable import SimpegRPC

@Suite struct FrameDecoderTests {
  static func bytes(of frames: [Frame], preface: Bool = true) -> ByteBuffer {
    var buffer = ByteBuffer()
    if preface { buffer.writePreface() }
    for frame in frames { buffer.writeFrame(frame) }
    return buffer
  }

  static let sample: [Frame] = [
    Frame(type: .settings, callID: 0, payload: ByteBuffer(bytes: [8, 1])),
    Frame(type: .call, callID: 1, payload: ByteBuffer(string: "header")),
    Frame(type: .message, flags: .endStream, callID: 1, payload: ByteBuffer()),
    Frame(type: .credit, callID: 7, payload: ByteBuffer(bytes: [0, 1, 0, 0])),
    Frame(type: .ping, flags: .ack, callID: 0, payload: ByteBuffer(bytes: Array(0..<8))),
    Frame(type: .trailer, callID: UInt32.max, payload: ByteBuffer(repeating: 7, count: 17_000)),
  ]

  /// Feeds `buffer` to a decoder in slices of `step` bytes and returns what it yields.
  static func decode(_ buffer: ByteBuffer, step: Int, maxFrameSize: UInt32 = 1 << 20) throws
    -> [FrameDecoder.Event]
  {
    let channel = EmbeddedChannel(
      handler: ByteToMessageHandler(FrameDecoder(maxFrameSize: maxFrameSize)))
    var remaining = buffer
    while remaining.readableBytes > 0 {
      let slice = remaining.readSlice(length: min(step, remaining.readableBytes))!
      try channel.writeInbound(slice)
    }
    var events: [FrameDecoder.Event] = []
    while let event = try channel.readInbound(as: FrameDecoder.Event.self) { events.append(event) }
    _ = try? channel.finish()
    return events
  }

  static func frames(_ events: [FrameDecoder.Event]) -> [Frame] {
    events.compactMap { if case .frame(let frame) = $0 { return frame } else { return nil } }
  }

  static func expectSame(_ decoded: [Frame], _ expected: [Frame]) {
    #expect(decoded.count == expected.count)
    for (got, want) in zip(decoded, expected) {
      #expect(got.type == want.type)
      #expect(got.flags == want.flags)
      #expect(got.callID == want.callID)
      #expect(got.payload == want.payload)
    }
  }

  @Test func framesRoundTripThroughEncoderAndDecoder() throws {
    let events = try Self.decode(Self.bytes(of: Self.sample), step: 1 << 20)
    guard case .preface(let version) = events.first else {
      Issue.record("no preface first")
      return
    }
    #expect(version == WireProtocol.version)
    Self.expectSame(Self.frames(events), Self.sample)
  }

  @Test func framesDeliveredByteByByteDecodeTheSame() throws {
    let events = try Self.decode(Self.bytes(of: Self.sample), step: 1)
    Self.expectSame(Self.frames(events), Self.sample)
  }

  @Test(arguments: [2, 3, 9, 10, 11, 4096])
  func framesSplitAtAnyBoundaryDecodeTheSame(step: Int) throws {
    Self.expectSame(Self.frames(try Self.decode(Self.bytes(of: Self.sample), step: step)), Self.sample)
  }

  @Test func headerTooLargeIsRefusedBeforeAnyPayloadArrives() throws {
    var buffer = ByteBuffer()
    buffer.writePreface()
    buffer.writeFrameHeader(type: FrameType.message.rawValue, flags: 0, callID: 1, length: 5_000_000)
    // Only the header: no payload byte has been sent, yet the decoder refuses.
    let channel = EmbeddedChannel(handler: ByteToMessageHandler(FrameDecoder(maxFrameSize: 4 << 20)))
    #expect(throws: ProtocolViolation.self) { try channel.writeInbound(buffer) }
    do {
      try channel.writeInbound(buffer)
    } catch let violation as ProtocolViolation {
      #expect(violation.code == .frameTooLarge)
      #expect(violation.message.contains("5000000"))
    } catch {}
  }

  @Test func frameOfExactlyTheLimitIsAccepted() throws {
    let frame = Frame(type: .message, callID: 1, payload: ByteBuffer(repeating: 1, count: 16_384))
    let events = try Self.decode(Self.bytes(of: [frame]), step: 1000, maxFrameSize: 16_384)
    #expect(Self.frames(events).count == 1)
  }

  @Test func unknownFrameTypeIsAProtocolError() throws {
    var buffer = ByteBuffer()
    buffer.writePreface()
    buffer.writeFrameHeader(type: 0x42, flags: 0, callID: 1, length: 0)
    let channel = EmbeddedChannel(handler: ByteToMessageHandler(FrameDecoder(maxFrameSize: 1024)))
    #expect(throws: ProtocolViolation(.protocolError, "unknown frame type 0x42")) {
      try channel.writeInbound(buffer)
    }
  }

  @Test func callFrameWithCallIDZeroIsAProtocolError() throws {
    let buffer = Self.bytes(of: [Frame(type: .message, callID: 0, payload: ByteBuffer())])
    let channel = EmbeddedChannel(handler: ByteToMessageHandler(FrameDecoder(maxFrameSize: 1024)))
    #expect(throws: ProtocolViolation.self) { try channel.writeInbound(buffer) }
  }

  @Test func connectionFrameWithACallIDIsAProtocolError() throws {
    let buffer = Self.bytes(of: [Frame(type: .ping, callID: 3, payload: ByteBuffer(repeating: 0, count: 8))])
    let channel = EmbeddedChannel(handler: ByteToMessageHandler(FrameDecoder(maxFrameSize: 1024)))
    #expect(throws: ProtocolViolation.self) { try channel.writeInbound(buffer) }
  }

  @Test func wrongMagicIsRefusedAtTheFirstWrongByte() throws {
    let channel = EmbeddedChannel(handler: ByteToMessageHandler(FrameDecoder(maxFrameSize: 1024)))
    // "SIG": the third byte is already wrong; the decoder does not wait for ten bytes.
    #expect(throws: ProtocolViolation.self) { try channel.writeInbound(ByteBuffer(string: "SIG")) }
  }

  @Test func prefaceAloneYieldsItsVersion() throws {
    var buffer = ByteBuffer()
    buffer.writePreface(version: 7)
    let events = try Self.decode(buffer, step: 1)
    guard case .preface(let version) = events.first else {
      Issue.record("no preface")
      return
    }
    #expect(version == 7)
  }
}
