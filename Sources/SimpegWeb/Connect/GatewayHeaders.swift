import HTTPTypes

/// The HTTP header names the gateway reads and writes beyond HTTP's own.
enum GatewayHeaders {
  /// `Connect-Protocol-Version: 1`, which Connect clients send.
  static let connectProtocolVersion = HTTPField.Name("Connect-Protocol-Version")!
  /// `Connect-Timeout-Ms`: the call's deadline in milliseconds (at most 10 digits).
  static let connectTimeout = HTTPField.Name("Connect-Timeout-Ms")!
  /// `Connect-Content-Encoding`: a stream's message compression.
  static let connectContentEncoding = HTTPField.Name("Connect-Content-Encoding")!
  /// `Connect-Accept-Encoding`: the compressions a stream's client reads.
  static let connectAcceptEncoding = HTTPField.Name("Connect-Accept-Encoding")!
  /// The request id, passed to simpegd as `request-id` and echoed in the response.
  static let requestID = HTTPField.Name("X-Request-Id")!
  /// The header's name as text, for messages.
  static let ignoreUnknownFieldsName = "Simpeg-Ignore-Unknown-Fields"
  /// `Simpeg-Ignore-Unknown-Fields: true`: JSON fields the message does not have are skipped
  /// instead of refused.
  static let ignoreUnknownFields = HTTPField.Name(ignoreUnknownFieldsName)!
  /// `Last-Event-ID`, which `EventSource` sends when it reconnects.
  static let lastEventID = HTTPField.Name("Last-Event-ID")!
  /// `Sec-Fetch-Site`, which browsers send to say where a request comes from.
  static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!
  /// `X-Forwarded-For`, read from trusted proxies only.
  static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
  /// `X-Forwarded-Proto`, read from trusted proxies only.
  static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!
  /// `Content-Security-Policy` on pages.
  static let contentSecurityPolicy = HTTPField.Name("Content-Security-Policy")!
  /// `X-Content-Type-Options: nosniff` on every response.
  static let contentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
  /// `Referrer-Policy` on pages.
  static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
  /// `X-Frame-Options` on pages, for browsers that predate `frame-ancestors`.
  static let frameOptions = HTTPField.Name("X-Frame-Options")!
  /// `X-Accel-Buffering: no` on streams: nginx passes each message on as it comes.
  static let accelBuffering = HTTPField.Name("X-Accel-Buffering")!
}
