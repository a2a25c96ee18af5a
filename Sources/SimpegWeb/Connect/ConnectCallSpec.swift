import Foundation
import HTTPTypes
import NIOCore
import SimpegRPC

/// A refusal with the HTTP status the Connect protocol gives it when that is not the status of
/// its code (415 for a media type the gateway does not speak, 405 for GET on a method that
/// changes state).
struct ConnectFailure: Error, Sendable {
  /// The error, as the body's JSON reports it.
  let error: RPCError
  /// The response status.
  let status: HTTPResponse.Status

  /// A failure with the status of its code.
  init(_ error: RPCError) {
    self.error = error
    self.status = ConnectCode.httpStatus(error.code)
  }

  /// A failure with an explicit status.
  init(_ error: RPCError, status: HTTPResponse.Status) {
    self.error = error
    self.status = status
  }
}

/// How a request calls its method: the call shape, the message encoding, the deadline and the
/// JSON strictness, read from its method, headers and query (connectrpc.com/docs/protocol).
struct ConnectCallSpec: Sendable, Equatable {
  /// The shapes of Connect calls over HTTP/1.1.
  enum Shape: Sendable, Equatable {
    /// `POST` with a bare message (`application/json` or `application/proto`).
    case unaryPost
    /// `GET` with the message in the query (`message`, `encoding`, `base64`).
    case unaryGet(message: ByteBuffer)
    /// `POST` with enveloped messages (`application/connect+json` or `+proto`).
    case stream
  }

  /// The call's shape.
  var shape: Shape
  /// The message encoding of request and response.
  var encoding: MessageEncoding
  /// The deadline from `Connect-Timeout-Ms`, if sent.
  var timeout: Duration?
  /// Whether unknown JSON fields are skipped (`Simpeg-Ignore-Unknown-Fields: true`).
  var ignoreUnknownFields: Bool

  /// Reads the spec of a request for `procedure`; throws the refusal the client should see.
  static func read(
    method: HTTPRequest.Method, headers: HTTPFields, query: String?, procedure: Procedure
  ) throws(ConnectFailure) -> ConnectCallSpec {
    let timeout = try readTimeout(headers[GatewayHeaders.connectTimeout])
    let ignoreUnknown = headers[GatewayHeaders.ignoreUnknownFields]?.lowercased() == "true"
    let name = procedure.descriptor.fullName
    switch method {
    case .get:
      guard procedure.allowsGet else {
        throw ConnectFailure(
          RPCError(
            .unimplemented,
            "\(name) may change state, so it is not called with GET; send a POST with the "
              + "message as the body"),
          status: .methodNotAllowed)
      }
      let (message, encoding) = try readGetQuery(query)
      return ConnectCallSpec(
        shape: .unaryGet(message: message), encoding: encoding, timeout: timeout,
        ignoreUnknownFields: ignoreUnknown)
    case .post:
      let contentType = mediaType(headers[.contentType])
      let streams = procedure.descriptor.kind.clientStreams || procedure.descriptor.kind.serverStreams
      if streams {
        guard let encoding = streamEncoding(contentType) else {
          throw ConnectFailure(
            RPCError(
              .invalidArgument,
              "\(name) is a stream: send Content-Type application/connect+json or "
                + "application/connect+proto with enveloped messages, not '\(contentType)'"),
            status: .unsupportedMediaType)
        }
        try checkIdentity(headers[GatewayHeaders.connectContentEncoding], header: "Connect-Content-Encoding")
        return ConnectCallSpec(
          shape: .stream, encoding: encoding, timeout: timeout, ignoreUnknownFields: ignoreUnknown)
      }
      guard let encoding = unaryEncoding(contentType) else {
        throw ConnectFailure(
          RPCError(
            .invalidArgument,
            "send Content-Type application/json (protobuf's JSON mapping) or application/proto, "
              + "not '\(contentType)'"),
          status: .unsupportedMediaType)
      }
      try checkIdentity(headers[.contentEncoding], header: "Content-Encoding")
      return ConnectCallSpec(
        shape: .unaryPost, encoding: encoding, timeout: timeout, ignoreUnknownFields: ignoreUnknown)
    default:
      throw ConnectFailure(
        RPCError(.unimplemented, "call \(name) with POST (or GET for methods that only read)"),
        status: .methodNotAllowed)
    }
  }

  /// The media type of a Content-Type header, lowercased and without parameters.
  static func mediaType(_ header: String?) -> String {
    guard let header else { return "" }
    var type = header.prefix { $0 != ";" }
    while type.first == " " || type.first == "\t" { type = type.dropFirst() }
    while type.last == " " || type.last == "\t" { type = type.dropLast() }
    return type.lowercased()
  }

  private static func unaryEncoding(_ mediaType: String) -> MessageEncoding? {
    switch mediaType {
    case "application/json": .json
    case "application/proto", "application/protobuf", "application/x-protobuf": .proto
    default: nil
    }
  }

  private static func streamEncoding(_ mediaType: String) -> MessageEncoding? {
    switch mediaType {
    case "application/connect+json": .json
    case "application/connect+proto": .proto
    default: nil
    }
  }

  /// `Connect-Timeout-Ms`: a positive integer of at most 10 digits.
  static func readTimeout(_ header: String?) throws(ConnectFailure) -> Duration? {
    guard let header else { return nil }
    guard !header.isEmpty, header.count <= 10, header.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
      let milliseconds = Int64(header), milliseconds > 0
    else {
      throw ConnectFailure(
        RPCError(
          .invalidArgument,
          "Connect-Timeout-Ms must be a positive whole number of milliseconds (at most 10 "
            + "digits), not '\(header)'"))
    }
    return .milliseconds(milliseconds)
  }

  private static func checkIdentity(_ header: String?, header name: String) throws(ConnectFailure) {
    guard let header, header.lowercased() != "identity" else { return }
    throw ConnectFailure(
      RPCError(
        .unimplemented,
        "\(name) '\(header)' is not supported; this gateway accepts identity (uncompressed) "
          + "messages only"))
  }

  /// The message and encoding of a GET's query: `message` (percent-encoded text, or URL-safe
  /// base64 with `base64=1`), `encoding` (`json` or `proto`), `compression` (identity only).
  static func readGetQuery(_ query: String?) throws(ConnectFailure) -> (ByteBuffer, MessageEncoding) {
    let parameters = QueryParameters(query ?? "")
    let encoding: MessageEncoding
    switch parameters["encoding"] {
    case "json": encoding = .json
    case "proto": encoding = .proto
    case let other:
      throw ConnectFailure(
        RPCError(
          .invalidArgument,
          "a GET call needs encoding=json or encoding=proto in its query, not '\(other ?? "")'"),
        status: .unsupportedMediaType)
    }
    if let compression = parameters["compression"], compression.lowercased() != "identity" {
      throw ConnectFailure(
        RPCError(
          .unimplemented,
          "compression '\(compression)' is not supported; send the message uncompressed"))
    }
    let text = parameters["message"] ?? ""
    if parameters["base64"] == "1" {
      guard let bytes = CallMetadata.decodeBase64(text) else {
        throw ConnectFailure(
          RPCError(.invalidArgument, "the message parameter is not base64 though base64=1 says so"))
      }
      return (ByteBuffer(bytes: bytes), encoding)
    }
    guard encoding == .json else {
      throw ConnectFailure(
        RPCError(
          .invalidArgument, "a binary (proto) message in a GET query must be sent in base64 with base64=1"))
    }
    return (ByteBuffer(string: text), encoding)
  }
}

/// The parameters of a URL query: `+` is a space and `%XX` a byte, as browsers' forms and
/// `URLSearchParams` write them; the first value of a repeated name wins.
struct QueryParameters: Sendable {
  private var values: [String: String] = [:]

  /// Parses `query` (without the `?`).
  init(_ query: String) {
    for pair in query.split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard let name = Self.decode(parts[0]) else { continue }
      let value = parts.count > 1 ? Self.decode(parts[1]) : ""
      if values[name] == nil, let value { values[name] = value }
    }
  }

  /// The value of `name`.
  subscript(name: String) -> String? { values[name] }

  private static func decode(_ text: Substring) -> String? {
    text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
  }
}
