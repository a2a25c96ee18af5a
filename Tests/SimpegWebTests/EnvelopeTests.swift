import NIOCore
import SimpegRPC
import Testing

@testable import SimpegWeb

/// Connect's stream framing: envelopes read whole from bytes split anywhere, and the
/// refusals decided from the 5-byte prefix before a message is buffered.
@Suite struct EnvelopeTests {
  static func frames(_ messages: [String]) -> ByteBuffer {
    var all = ByteBuffer()
    for message in messages {
      var framed = Envelope.framed(ByteBuffer(string: message))
      all.writeBuffer(&framed)
    }
    return all
  }

  @Test func envelopesSplitAtEveryByteReadAlikeAsWhole() throws {
    let body = Self.frames(["{\"a\":1}", "", "{\"b\":\"two\"}"])
    for split in 0...body.readableBytes {
      var reader = EnvelopeReader(maxMessageSize: 1024)
      reader.append(body.getSlice(at: 0, length: split)!)
      var messages: [String] = []
      while let envelope = try reader.next() { messages.append(String(buffer: envelope.message)) }
      reader.append(body.getSlice(at: split, length: body.readableBytes - split)!)
      while let envelope = try reader.next() { messages.append(String(buffer: envelope.message)) }
      try reader.finish()
      #expect(messages == ["{\"a\":1}", "", "{\"b\":\"two\"}"], "split at \(split)")
    }
  }

  @Test func anOversizedLengthIsRefusedFromThePrefixAlone() {
    var reader = EnvelopeReader(maxMessageSize: 100)
    var prefix = ByteBuffer()
    prefix.writeInteger(UInt8(0))
    prefix.writeInteger(UInt32(1 << 30))
    reader.append(prefix)
    #expect(throws: RPCError.self) { _ = try reader.next() }
    do {
      _ = try reader.next()
    } catch {
      #expect(error.code == .resourceExhausted)
    }
  }

  @Test func compressedAndEndStreamRequestEnvelopesAreRefused() {
    for (flags, code) in [
      (Envelope.compressedFlag, StatusCode.unimplemented), (Envelope.endStreamFlag, .invalidArgument),
    ] {
      var reader = EnvelopeReader(maxMessageSize: 100)
      reader.append(Envelope.framed(ByteBuffer(string: "{}"), flags: flags))
      do {
        _ = try reader.next()
        Issue.record("flags \(flags) accepted")
      } catch {
        #expect(error.code == code)
      }
    }
  }

  @Test func aBodyEndingInsideAnEnvelopeIsRefused() throws {
    var reader = EnvelopeReader(maxMessageSize: 100)
    var body = Self.frames(["{}"])
    body.moveWriterIndex(to: body.writerIndex - 1)
    reader.append(body)
    #expect(try reader.next() == nil)
    #expect(throws: RPCError.self) { try reader.finish() }
  }

  @Test func framingWritesFlagsAndBigEndianLength() {
    let framed = Envelope.framed(ByteBuffer(string: "hey"), flags: Envelope.endStreamFlag)
    #expect(Array(framed.readableBytesView) == [2, 0, 0, 0, 3] + Array("hey".utf8))
  }
}
