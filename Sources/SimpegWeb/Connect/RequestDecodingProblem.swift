import SimpegAPI
import SimpegRPC
import SwiftProtobuf

/// Turns a failure to read a request body as its message into the `INVALID_ARGUMENT` a client
/// can act on: an unknown JSON field is named, with how to have it ignored.
enum RequestDecodingProblem {
  /// The error for `error`, thrown while decoding a request of `messageName` in `encoding`.
  static func error(_ error: any Error, messageName: String, encoding: MessageEncoding) -> RPCError {
    guard let json = error as? JSONDecodingError else {
      return RPCError(
        .invalidArgument,
        "the request body does not decode as \(messageName) in \(encoding.rawValue); send "
          + "protobuf's \(encoding == .json ? "JSON mapping" : "binary encoding") of that message")
    }
    if case .unknownField(let name) = json {
      return RPCError(
        .invalidArgument,
        "\(messageName) has no field '\(name)'; fix its name (fields are in lowerCamelCase or "
          + "their proto names), or send the header '\(GatewayHeaders.ignoreUnknownFieldsName): "
          + "true' to have unknown fields ignored")
    }
    return RPCError(
      .invalidArgument,
      "the request body is not valid JSON for \(messageName): \(describe(json)); send protobuf's "
        + "JSON mapping of that message")
  }

  private static func describe(_ error: JSONDecodingError) -> String {
    switch error {
    case .malformedNumber: "a number is malformed"
    case .numberRange: "a number is out of its field's range or not a whole number"
    case .malformedMap: "a map is malformed"
    case .malformedBool: "a boolean is malformed"
    case .malformedString: "a string is malformed"
    case .invalidUTF8: "the text is not valid UTF-8"
    case .schemaMismatch: "a value has the wrong type for its field"
    case .unrecognizedEnumValue: "an enum value is not one of its enum's names or numbers"
    case .illegalNull: "null stands where it may not"
    case .unquotedMapKey: "a map key is not quoted"
    case .leadingZero: "a number has a leading zero"
    case .truncated: "the JSON ends too early"
    case .malformedDuration: "a duration is malformed (e.g. \"1.5s\")"
    case .malformedTimestamp: "a timestamp is malformed (RFC 3339, e.g. \"2026-01-02T03:04:05Z\")"
    case .malformedFieldMask: "a field mask is malformed"
    case .trailingGarbage: "something follows the JSON object"
    case .conflictingOneOf: "two fields of one oneof are set"
    case .messageDepthLimit: "messages are nested deeper than 100 levels"
    case .unknownField(let name): "unknown field '\(name)'"
    case .missingFieldNames, .failure: "it is not a JSON object of that message"
    }
  }
}
