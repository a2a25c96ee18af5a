import NIOCore
import SimpegAPI
import SimpegRPC
import SwiftProtobuf

/// How a message travels over HTTP: protobuf's binary encoding or its canonical JSON mapping.
enum MessageEncoding: String, Sendable {
  /// `proto`: the binary encoding, passed to and from simpegd as it is.
  case proto
  /// `json`: protobuf's JSON mapping (lowerCamelCase names, enums by name, 64-bit integers as
  /// strings, fields at their default left out).
  case json
}

/// Converts one message type between protobuf's JSON mapping and its binary encoding, the form
/// simpegd speaks. Built once per method from the generated catalogue.
struct MessageCodec: Sendable {
  /// The full proto name of the type, e.g. `simpeg.v1.GetUnitRequest`.
  let messageName: String
  private let decodeJSON: @Sendable (ByteBuffer, _ ignoreUnknownFields: Bool) throws -> ByteBuffer
  private let encodeJSON: @Sendable (ByteBuffer) throws -> ByteBuffer

  /// The codec of `type`.
  init<M: SwiftProtobuf.Message>(_ type: M.Type) {
    messageName = M.protoMessageName
    decodeJSON = { json, ignoreUnknownFields in
      var options = JSONDecodingOptions()
      options.ignoreUnknownFields = ignoreUnknownFields
      let message = try M(jsonUTF8Bytes: ProtobufBuffer(json), options: options)
      return try message.serializedBuffer()
    }
    encodeJSON = { binary in
      let message = try M(buffer: binary)
      let json: ProtobufBuffer = try message.jsonUTF8Bytes()
      return json.buffer
    }
  }

  /// The codec of a type known only at run time.
  init(opening type: any SwiftProtobuf.Message.Type) {
    self.init(type)
  }

  /// The binary form of `body` in `encoding`; a `JSONDecodingError` or `BinaryDecodingError`
  /// when it does not decode. Binary bodies pass unchanged: simpegd checks them.
  func binary(from body: ByteBuffer, encoding: MessageEncoding, ignoreUnknownFields: Bool) throws
    -> ByteBuffer
  {
    switch encoding {
    case .proto: return body
    case .json:
      // An empty body is the empty message, as in the binary encoding.
      if body.readableBytes == 0 { return ByteBuffer() }
      return try decodeJSON(body, ignoreUnknownFields)
    }
  }

  /// `binary` (from simpegd) in `encoding`.
  func encoded(_ binary: ByteBuffer, as encoding: MessageEncoding) throws -> ByteBuffer {
    switch encoding {
    case .proto: return binary
    case .json: return try encodeJSON(binary)
    }
  }
}
