import HTTPTypes
import SimpegRPC

/// Which other sites' pages may call the gateway from a browser, and the CORS headers that say
/// so (Schema/PROTOCOL.md, "The web gateway": CSRF and CORS).
///
/// - A request without `Origin` (curl, service apps, a page's own navigation) passes.
/// - A request whose `Origin` is the gateway's own (the request's `Host`) passes.
/// - A request from an origin in `cors-allow-origins` passes and gets CORS headers, but may not
///   use the session cookie: other sites authenticate with `Authorization: Bearer`.
/// - Every other origin is refused, and so is a cookie sent from another site
///   (`Sec-Fetch-Site: cross-site`) by a browser that sent no `Origin`.
/// CORS is off (no origin allowed) unless the allow-list names origins.
struct CrossOriginPolicy: Sendable {
  /// The allowed origins, as `scheme://host[:port]` in lower case.
  let allowedOrigins: Set<String>

  /// Creates a policy allowing `origins` (trailing slashes and case do not matter).
  init(allowedOrigins origins: [String]) {
    allowedOrigins = Set(origins.map { Self.normalise($0) })
  }

  /// How a request's origin stands.
  enum Verdict: Equatable, Sendable {
    /// No `Origin`, or the gateway's own: no CORS headers.
    case sameOrigin
    /// An allowed other origin: answer with CORS headers for it.
    case allowed(String)
  }

  /// Judges a request with `headers`, sent to `authority` (its `Host`), carrying `credential`;
  /// throws `PERMISSION_DENIED` with what to do when it is refused.
  func verdict(headers: HTTPFields, authority: String?, credential: Credential) throws(RPCError)
    -> Verdict
  {
    guard let origin = headers[.origin] else {
      if credential.isFromCookie, headers[GatewayHeaders.secFetchSite]?.lowercased() == "cross-site" {
        throw RPCError(
          .permissionDenied,
          "the session cookie was sent by another site's page; it works on the gateway's own "
            + "pages only")
      }
      return .sameOrigin
    }
    if Self.isSameOrigin(origin, host: authority) { return .sameOrigin }
    let normalised = Self.normalise(origin)
    guard allowedOrigins.contains(normalised) else {
      throw RPCError(
        .permissionDenied,
        "requests from pages of \(origin) are refused; an administrator may allow that origin "
          + "in the gateway's cors-allow-origins setting")
    }
    if credential.isFromCookie {
      throw RPCError(
        .permissionDenied,
        "the session cookie works on the gateway's own pages only; a page of \(origin) calls "
          + "with 'Authorization: Bearer <token>'")
    }
    return .allowed(normalised)
  }

  /// The headers added to a response for `verdict`.
  func responseHeaders(for verdict: Verdict) -> HTTPFields {
    guard case .allowed(let origin) = verdict else { return [:] }
    return [
      .accessControlAllowOrigin: origin,
      .vary: "Origin",
      .accessControlExposeHeaders: "*",
    ]
  }

  /// The answer to a CORS preflight (`OPTIONS` with `Access-Control-Request-Method`): 204 with
  /// the permissions for an allowed origin, 403 without them for any other.
  func preflight(headers: HTTPFields) -> (HTTPResponse.Status, HTTPFields) {
    guard let origin = headers[.origin], allowedOrigins.contains(Self.normalise(origin)) else {
      return (.forbidden, [.vary: "Origin"])
    }
    var fields: HTTPFields = [
      .accessControlAllowOrigin: Self.normalise(origin),
      .accessControlAllowMethods: "GET, POST",
      .accessControlMaxAge: "7200",
      .vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
    ]
    if let requested = headers[.accessControlRequestHeaders] {
      fields[.accessControlAllowHeaders] = requested
    }
    return (.noContent, fields)
  }

  /// Whether `origin` (`scheme://authority`) names the host the request was sent to.
  static func isSameOrigin(_ origin: String, host: String?) -> Bool {
    guard let host, let schemeEnd = origin.range(of: "://") else { return false }
    let authority = origin[schemeEnd.upperBound...].lowercased()
    return authority == host.lowercased()
  }

  private static func normalise(_ origin: String) -> String {
    var text = origin.lowercased()
    while text.hasSuffix("/") { text.removeLast() }
    return text
  }
}
