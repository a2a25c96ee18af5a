import Hummingbird
import Logging
import SimpegRPC

/// Routes every request of the gateway and answers it; never throws, so every failure reaches
/// the client as a response it can read (Hummingbird would turn a thrown error into a bare 500).
///
/// | path | what |
/// |---|---|
/// | `/<package>.<Service>/<Method>` | a Connect call (``ConnectHandler``) |
/// | `/events/<name>` | an event stream (``EventStreamHandler``) |
/// | `/auth/login`, `/auth/logout` | sessions for people (``SessionEndpoints``) |
/// | `/healthz` | health (``HealthEndpoint``) |
/// | `/publik/...` | the citizens' desk, without login (``PublicDesk``) |
/// | `OPTIONS` anything | a CORS preflight |
/// | anything else, `GET` or `HEAD` | the web app's files (``StaticFiles``) |
///
/// Every response carries the request id (`X-Request-Id`) and `X-Content-Type-Options:
/// nosniff`; each request is counted in the metrics and logged (failures at `info`, the rest
/// at `debug`).
struct GatewayResponder: HTTPResponder {
  typealias Context = WebRequestContext

  let core: GatewayCore
  let files: StaticFiles

  func respond(to request: Request, context: WebRequestContext) async throws -> Response {
    let started = ContinuousClock.now
    let identity = RequestIdentity(
      headers: request.headers, peer: context.peerAddress,
      trustedProxies: core.configuration.trustedProxies, servesTLS: core.configuration.tls != nil)
    let (route, (response, outcome)) = await dispatch(request, context: context, identity: identity)
    var answered = response
    answered.headers[GatewayHeaders.requestID] = identity.requestID
    answered.headers[GatewayHeaders.contentTypeOptions] = "nosniff"
    let duration = ContinuousClock.now - started
    core.metrics.record(route: route, outcome: outcome, duration: duration)
    // Failed: an HTTP error, or a stream that ended with an error under HTTP 200.
    let failed = answered.status.code >= 400 || (outcome != "ok" && Int(outcome) == nil)
    let level: Logger.Level = failed ? .info : .debug
    if core.logger.logLevel <= level {
      let milliseconds =
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
      var metadata: Logger.Metadata = [
        "request-id": "\(identity.requestID)", "route": "\(route)", "method": "\(request.method)",
        "status": "\(answered.status.code)", "outcome": "\(outcome)", "client": "\(identity.clientAddress)",
        "duration-ms": "\(milliseconds)",
      ]
      if route == "files" || route == "unknown" { metadata["path"] = "\(request.uri.path.prefix(200))" }
      core.logger.log(level: level, "request", metadata: metadata)
    }
    return answered
  }

  private func dispatch(
    _ request: Request, context: WebRequestContext, identity: RequestIdentity
  ) async -> (String, (Response, String)) {
    let path = request.uri.path[...]
    if request.method == .options {
      return ("preflight", preflight(request))
    }
    if ProcedureTable.looksLikeProcedure(path) {
      switch core.procedures.lookup(path.dropFirst()) {
      case .served(let procedure):
        return (
          procedure.descriptor.fullName,
          await ConnectHandler(core: core).respond(
            to: request, context: context, identity: identity, procedure: procedure)
        )
      case .withheld(let reason):
        return ("unknown", refusal(RPCError(.unimplemented, reason)))
      case .unknown:
        return (
          "unknown",
          refusal(
            RPCError(
              .unimplemented,
              "\(path.dropFirst()) is not a method of simpegd; the methods are listed by "
                + "simpeg.v1.AdminService/ListMethods and in Schema/"))
        )
      }
    }
    if path.hasPrefix("/events/") {
      let name = path.dropFirst("/events/".count)
      let result = await EventStreamHandler(core: core).respond(
        to: request, context: context, identity: identity, name: name)
      return (core.events[name] == nil ? "unknown" : "events/\(name)", result)
    }
    if path.hasPrefix(PublicDesk.prefix) {
      return (
        "publik",
        await PublicDesk(core: core, allowance: core.publicDeskAllowance).respond(
          to: request, identity: identity)
      )
    }
    switch path {
    case "/auth/login":
      return (
        "auth/login",
        await SessionEndpoints(core: core).login(request: request, context: context, identity: identity)
      )
    case "/auth/logout":
      return (
        "auth/logout",
        await SessionEndpoints(core: core).logout(request: request, context: context, identity: identity)
      )
    case "/healthz":
      return ("health", await HealthEndpoint(core: core).respond(identity: identity))
    default:
      break
    }
    guard request.method == .get || request.method == .head else {
      return (
        "unknown",
        (
          core.errorResponse(
            ConnectFailure(
              RPCError(.unimplemented, "\(request.method) \(path.prefix(200)) is not served here"),
              status: .methodNotAllowed)), "405"
        )
      )
    }
    return ("files", await files.respond(to: request, context: context))
  }

  private func refusal(_ error: RPCError) -> (Response, String) {
    (core.errorResponse(ConnectFailure(error)), ConnectCode.name(error.code))
  }

  private func preflight(_ request: Request) -> (Response, String) {
    let (status, headers) = core.crossOrigin.preflight(headers: request.headers)
    return (Response(status: status, headers: headers), String(status.code))
  }
}
