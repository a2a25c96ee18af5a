import Foundation
import SimpegRPC

/// Writes the Connect protocol's JSON for errors and for the end of a stream
/// (connectrpc.com/docs/protocol, "Error and EndStreamResponse").
///
/// An error is `{"code": ..., "message": ..., "details": [...]}`. Each detail of the trailer (a
/// `google.protobuf.Any`) becomes `{"type": <message name>, "value": <unpadded base64 of its
/// bytes>}`, passed on whatever its type, with `"debug"`: the message as protobuf JSON when the
/// gateway knows the type (``MessageRegistry``). Clients must read `value`; `debug` is for
/// people reading the wire.
struct ConnectErrorJSON {
  let registry: MessageRegistry

  /// The error object.
  func error(_ error: RPCError) -> String {
    var json = "{\"code\":" + Self.quoted(ConnectCode.name(error.code))
    if !error.message.isEmpty { json += ",\"message\":" + Self.quoted(error.message) }
    if !error.details.isEmpty {
      json += ",\"details\":["
      for (index, detail) in error.details.enumerated() {
        if index > 0 { json += "," }
        json += "{\"type\":" + Self.quoted(MessageRegistry.messageName(ofTypeURL: detail.typeURL))
        json += ",\"value\":" + Self.quoted(Self.unpaddedBase64(detail.value))
        if let debug = registry.debugJSON(of: detail) { json += ",\"debug\":" + debug }
        json += "}"
      }
      json += "]"
    }
    return json + "}"
  }

  /// The EndStreamResponse: the error when the call failed, and the trailing metadata.
  func endStream(error: RPCError?, metadata: Metadata) -> String {
    var members: [String] = []
    if let error { members.append("\"error\":" + self.error(error)) }
    let entries = Self.metadataObject(metadata)
    if !entries.isEmpty { members.append("\"metadata\":" + entries) }
    return "{" + members.joined(separator: ",") + "}"
  }

  /// Metadata as a JSON object of arrays of strings (binary values in unpadded base64); empty
  /// text when there is none.
  static func metadataObject(_ metadata: Metadata) -> String {
    var grouped: [(String, [String])] = []
    for entry in metadata {
      let value: String
      switch entry.value {
      case .text(let text): value = text
      case .binary(let bytes): value = unpaddedBase64(Data(bytes))
      }
      if let index = grouped.firstIndex(where: { $0.0 == entry.key }) {
        grouped[index].1.append(value)
      } else {
        grouped.append((entry.key, [value]))
      }
    }
    guard !grouped.isEmpty else { return "" }
    return "{"
      + grouped.map { key, values in
        quoted(key) + ":[" + values.map(quoted).joined(separator: ",") + "]"
      }.joined(separator: ",") + "}"
  }

  /// Base64 without `=` padding, as Connect sends binary values.
  static func unpaddedBase64(_ data: Data) -> String {
    var text = data.base64EncodedString()
    while text.hasSuffix("=") { text.removeLast() }
    return text
  }

  /// `text` as a JSON string literal.
  static func quoted(_ text: String) -> String {
    var out = "\""
    out.reserveCapacity(text.utf8.count + 2)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
        out += String(format: "\\u%04x", scalar.value)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
