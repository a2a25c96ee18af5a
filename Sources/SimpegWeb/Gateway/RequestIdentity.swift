import HTTPTypes

/// Who sent a request and under which id it is logged: the request id (the client's
/// `X-Request-Id` when it is a sensible one, else a new one), the client's address (a trusted
/// proxy's `X-Forwarded-For` names it), and whether it came over HTTPS.
struct RequestIdentity: Sendable {
  /// The request id, logged by the gateway and passed to simpegd as `request-id`.
  let requestID: String
  /// The client's IP address.
  let clientAddress: String
  /// Whether the client reached the gateway over HTTPS (the gateway's TLS or a proxy's).
  let isSecure: Bool

  /// Reads the identity of a request with `headers` from `peer`.
  init(headers: HTTPFields, peer: String, trustedProxies: Set<String>, servesTLS: Bool) {
    requestID = Self.acceptedRequestID(headers[GatewayHeaders.requestID]) ?? Self.newRequestID()
    let trusted = trustedProxies.contains(peer)
    if trusted, let forwarded = headers[GatewayHeaders.forwardedFor],
      let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces),
      !last.isEmpty, last.count <= 64
    {
      clientAddress = last
    } else {
      clientAddress = peer
    }
    isSecure =
      servesTLS || (trusted && headers[GatewayHeaders.forwardedProto]?.lowercased() == "https")
  }

  /// A client's request id when it is 1-128 characters of letters, digits, `.`, `_`, `-`.
  static func acceptedRequestID(_ value: String?) -> String? {
    guard let value, (1...128).contains(value.utf8.count),
      value.utf8.allSatisfy({ byte in
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
          || byte == 0x2E || byte == 0x5F || byte == 0x2D
      })
    else { return nil }
    return value
  }

  /// A new id: 16 random hexadecimal digits.
  static func newRequestID() -> String {
    var generator = SystemRandomNumberGenerator()
    let value = UInt64.random(in: .min ... .max, using: &generator)
    let hex = String(value, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}
