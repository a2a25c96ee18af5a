import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SimpegAPI
import SimpegRPC

/// What every handler of the gateway shares: the configuration, simpegd, the method table, the
/// error writer, the session guard, the cross-origin policy, the drain signal and the citizens'
/// desk's allowance per client.
final class GatewayCore: Sendable {
  let configuration: WebConfiguration
  let upstream: Upstream
  let procedures: ProcedureTable
  let errors: ConnectErrorJSON
  let sessions: SessionGuard
  let crossOrigin: CrossOriginPolicy
  let events: EventStreamTable
  let drain: DrainSignal
  let metrics = GatewayMetrics()
  let publicDeskAllowance = PublicDeskAllowance()
  let logger: Logger

  init(
    configuration: WebConfiguration, upstream: Upstream, procedures: ProcedureTable = .catalogue,
    events: EventStreamTable = .catalogue, drain: DrainSignal, logger: Logger
  ) {
    self.configuration = configuration
    self.upstream = upstream
    self.procedures = procedures
    self.errors = ConnectErrorJSON(registry: .catalogue)
    self.sessions = SessionGuard(upstream: upstream, lifetime: configuration.sessionCheckLifetime)
    self.crossOrigin = CrossOriginPolicy(allowedOrigins: configuration.corsAllowedOrigins)
    self.events = events
    self.drain = drain
    self.logger = logger
  }

  /// Whether the session cookie gets `Secure` on a response to `identity`.
  func cookieIsSecure(for identity: RequestIdentity) -> Bool {
    switch configuration.cookieSecurity {
    case .always: true
    case .never: false
    case .automatic: identity.isSecure
    }
  }

  /// The call options of a call made for a request: its deadline and metadata.
  func callOptions(
    headers: HTTPFields, credential: Credential, identity: RequestIdentity, timeout: Duration?
  ) throws(RPCError) -> CallOptions {
    var metadata = try CallMetadata.request(
      headers: headers, credential: credential, requestID: identity.requestID)
    metadata.add("forwarded-for", identity.clientAddress)
    return CallOptions(timeout: timeout, metadata: metadata)
  }

  // MARK: Responses

  /// A Connect error response: the status, the error JSON, the trailer's metadata as
  /// `Trailer-` headers (and `Retry-After` when simpegd said when to retry), and the session
  /// cookie cleared when the cookie's session is no longer valid.
  func errorResponse(
    _ failure: ConnectFailure, credential: Credential = .anonymous, identity: RequestIdentity? = nil
  ) -> Response {
    var headers = CallMetadata.trailerHeaders(failure.error.metadata)
    headers[.contentType] = "application/json"
    headers[.cacheControl] = "no-store"
    if let retryAfter = failure.error.metadata["retry-after"] { headers[.retryAfter] = retryAfter }
    if failure.error.code == .unauthenticated, credential.isFromCookie, let identity {
      headers[.setCookie] = SessionCookie.clearing(secure: cookieIsSecure(for: identity))
    }
    return Response(
      status: failure.status, headers: headers,
      body: ResponseBody(byteBuffer: ByteBuffer(string: errors.error(failure.error))))
  }

  /// A JSON response.
  func jsonResponse(_ body: ByteBuffer, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:])
    -> Response
  {
    var headers = headers
    headers[.contentType] = "application/json"
    headers[.cacheControl] = "no-store"
    return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: body))
  }

  /// `response` followed by closing its connection: after refusing a body, whose unread rest
  /// (huge, or trickling in) is never read.
  func closingConnection(after response: Response, channel: any Channel) -> Response {
    var response = response
    response.headers[.connection] = "close"
    let body = response.body
    response.body = ResponseBody(contentLength: body.contentLength) { writer in
      try await body.write(writer)
      channel.close(promise: nil)
    }
    return response
  }
}
