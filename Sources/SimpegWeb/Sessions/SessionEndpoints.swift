import Foundation
import Hummingbird
import NIOCore
import SimpegAPI
import SimpegRPC

/// Logging people in and out of the web app: `POST /auth/login` and `POST /auth/logout`.
///
/// Login takes `{"username": ..., "password": ...}` as JSON, calls AuthService/Login and keeps
/// the session token in the session cookie (``SessionCookie``); the answer is Login's response
/// without the token (`account`, with `mustChangePassword`, and `expiresAt`), so page scripts
/// never see it. Logout calls AuthService/Logout with the cookie's session and clears the cookie
/// whatever simpegd answers. Both accept requests from the gateway's own pages only, with a JSON
/// body or the Connect header, which a cross-site form cannot send.
struct SessionEndpoints: Sendable {
  let core: GatewayCore

  /// The largest login request read.
  static let maxLoginBody = 16 << 10

  /// `POST /auth/login`.
  func login(request: Request, context: WebRequestContext, identity: RequestIdentity) async
    -> (Response, String)
  {
    do {
      try checkForm(request, requireJSON: true)
      let body = try await BodyReader.collect(
        request.body, limit: Self.maxLoginBody, timeout: core.configuration.bodyTimeout)
      let login: Simpeg_V1_LoginRequest
      do {
        login = try Simpeg_V1_LoginRequest(jsonUTF8Bytes: ProtobufBuffer(body))
      } catch {
        throw RequestDecodingProblem.error(
          error, messageName: Simpeg_V1_LoginRequest.protoMessageName, encoding: .json)
      }
      let options = try core.callOptions(
        headers: [:], credential: .anonymous, identity: identity,
        timeout: core.configuration.defaultCallTimeout)
      var response: Simpeg_V1_LoginResponse = try await core.upstream.unary(
        Simpeg_V1_AuthService.Method.Login.descriptor, request: login, options: options)
      let token = response.token
      response.token = ""
      core.sessions.remember(token: token, mustChangePassword: response.account.mustChangePassword)
      let cookie = SessionCookie.setting(
        token: token, expires: response.expiresAt.date, secure: core.cookieIsSecure(for: identity))
      let json: ProtobufBuffer = try response.jsonUTF8Bytes()
      return (core.jsonResponse(json.buffer, headers: [.setCookie: cookie]), "ok")
    } catch {
      return failed(error, request: request, context: context, identity: identity)
    }
  }

  /// `POST /auth/logout`.
  func logout(request: Request, context: WebRequestContext, identity: RequestIdentity) async
    -> (Response, String)
  {
    do {
      try checkForm(request, requireJSON: false)
      let credential = try Credential.of(request.headers)
      let clearing = SessionCookie.clearing(secure: core.cookieIsSecure(for: identity))
      guard let token = credential.sessionToken else {
        return (core.jsonResponse(ByteBuffer(string: "{}"), headers: [.setCookie: clearing]), "ok")
      }
      core.sessions.forget(token: token)
      let options = try core.callOptions(
        headers: [:], credential: credential, identity: identity,
        timeout: core.configuration.defaultCallTimeout)
      do {
        let _: Simpeg_V1_LogoutResponse = try await core.upstream.unary(
          Simpeg_V1_AuthService.Method.Logout.descriptor, request: Simpeg_V1_LogoutRequest(),
          options: options)
      } catch let error where error.code == .unauthenticated {
        // The session had ended already: the cookie goes all the same.
      }
      return (core.jsonResponse(ByteBuffer(string: "{}"), headers: [.setCookie: clearing]), "ok")
    } catch {
      return failed(error, request: request, context: context, identity: identity)
    }
  }

  /// Refuses what a cross-site page could send: another method than POST, another origin's
  /// page, and (for login) a body that is not JSON; logout needs JSON or the Connect header.
  private func checkForm(_ request: Request, requireJSON: Bool) throws {
    guard request.method == .post else {
      throw ConnectFailure(
        RPCError(.unimplemented, "send a POST with a JSON body"), status: .methodNotAllowed)
    }
    if let origin = request.headers[.origin],
      !CrossOriginPolicy.isSameOrigin(origin, host: request.head.authority)
    {
      throw RPCError(
        .permissionDenied,
        "logging in and out works from the gateway's own pages only; other sites' apps call "
          + "simpeg.v1.AuthService/Login and send 'Authorization: Bearer <token>'")
    }
    if request.headers[GatewayHeaders.secFetchSite]?.lowercased() == "cross-site" {
      throw RPCError(.permissionDenied, "another site's page may not log in or out here")
    }
    let isJSON = ConnectCallSpec.mediaType(request.headers[.contentType]) == "application/json"
    let hasConnectHeader = request.headers[GatewayHeaders.connectProtocolVersion] != nil
    guard isJSON || (!requireJSON && hasConnectHeader) else {
      throw ConnectFailure(
        RPCError(
          .invalidArgument,
          requireJSON
            ? "send the login as Content-Type application/json: {\"username\": ..., \"password\": ...}"
            : "send Content-Type application/json or the Connect-Protocol-Version header"),
        status: .unsupportedMediaType)
    }
  }

  private func failed(
    _ error: any Error, request: Request, context: WebRequestContext, identity: RequestIdentity
  ) -> (Response, String) {
    let (failure, closing): (ConnectFailure, Bool) =
      switch error {
      case let failure as ConnectFailure: (failure, false)
      case let refusal as BodyReader.Refusal: (ConnectFailure(refusal.error), true)
      default: (ConnectFailure(Upstream.rpcError(error)), false)
      }
    let response = core.errorResponse(failure)
    return (
      closing ? core.closingConnection(after: response, channel: context.channel) : response,
      ConnectCode.name(failure.error.code)
    )
  }
}
