import Foundation
import HTTPTypes
import SimpegRPC

/// Maps metadata between HTTP headers and simpegd's call metadata, as Connect does: every
/// request header that is not HTTP's or the protocol's own becomes a metadata entry (`-bin`
/// keys carry base64, padded or not), and the trailer's metadata comes back as `Trailer-<key>`
/// headers on unary responses and in the EndStreamResponse of streams.
///
/// The gateway sets `authorization` (from ``Credential``) and `request-id` itself; a client's
/// headers of those names, and HTTP's own headers, never reach simpegd.
enum CallMetadata {
  /// Header names never passed on as metadata.
  static let withheld: Set<String> = [
    "accept", "accept-charset", "accept-encoding", "accept-language", "authorization",
    "cache-control", "connection", "content-encoding", "content-length", "content-type", "cookie",
    "dnt", "expect", "forwarded", "forwarded-for", "host", "if-match", "if-modified-since", "if-none-match",
    "if-range", "if-unmodified-since", "keep-alive", "last-event-id", "origin", "pragma", "priority",
    "proxy-authorization", "proxy-connection", "range", "referer", "request-id", "te", "trailer",
    "transfer-encoding", "upgrade", "upgrade-insecure-requests", "user-agent", "via",
    "x-request-id", "x-real-ip",
  ]
  /// Header name prefixes never passed on: the protocols' reserved names, browsers' fetch
  /// metadata, proxies' forwarding headers and the gateway's own.
  static let withheldPrefixes = ["connect-", "grpc-", "sec-", "x-forwarded-", "simpeg-", "access-control-"]

  /// The metadata of a request: its custom headers, then `authorization` and `request-id`.
  static func request(
    headers: HTTPFields, credential: Credential, requestID: String
  ) throws(RPCError) -> Metadata {
    var metadata = Metadata()
    for field in headers {
      let key = field.name.canonicalName
      guard !withheld.contains(key), !withheldPrefixes.contains(where: { key.hasPrefix($0) }) else {
        continue
      }
      if key.hasSuffix("-bin") {
        guard let bytes = decodeBase64(field.value) else {
          throw RPCError(
            .invalidArgument,
            "the header \(key) ends in -bin, so its value must be base64; send the bytes in base64")
        }
        metadata.add(key, binary: bytes)
      } else {
        metadata.add(key, field.value)
      }
    }
    if let authorization = credential.authorization { metadata.add("authorization", authorization) }
    metadata.add("request-id", requestID)
    return metadata
  }

  /// The `Trailer-<key>` headers of a unary response.
  static func trailerHeaders(_ metadata: Metadata) -> HTTPFields {
    var fields = HTTPFields()
    for entry in metadata {
      guard let name = HTTPField.Name("trailer-" + entry.key) else { continue }
      fields.append(HTTPField(name: name, value: text(of: entry.value)))
    }
    return fields
  }

  /// A metadata value as header text: text as it is, bytes in unpadded base64.
  static func text(of value: Metadata.Value) -> String {
    switch value {
    case .text(let text): text
    case .binary(let bytes): ConnectErrorJSON.unpaddedBase64(Data(bytes))
    }
  }

  /// Standard or URL-safe base64, padded or not.
  static func decodeBase64(_ text: String) -> [UInt8]? {
    var normalised = text.trimmingCharacters(in: .whitespaces)
      .replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while normalised.count % 4 != 0 { normalised += "=" }
    return Data(base64Encoded: normalised).map { Array($0) }
  }
}
