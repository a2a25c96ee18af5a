import Foundation
import HTTPTypes
import SimpegRPC
import Testing

@testable import SimpegWeb

/// Credentials from headers and the cookie, the cookie's attributes, and the cross-origin rules.
@Suite struct SessionAndOriginTests {
  @Test func bearerTokensAreSessionsAndBearerKeysAreAPIKeys() throws {
    #expect(
      try Credential.of([.authorization: "Bearer spg_abc"]) == .session(token: "spg_abc", fromCookie: false))
    #expect(try Credential.of([.authorization: "Bearer spk_xyz"]) == .apiKey("spk_xyz"))
    #expect(try Credential.of([.authorization: "ApiKey spk_xyz"]) == .apiKey("spk_xyz"))
    #expect(Credential.apiKey("spk_xyz").authorization == "ApiKey spk_xyz")
    #expect(Credential.session(token: "t", fromCookie: true).authorization == "Bearer t")
  }

  @Test(arguments: ["Basic dXNlcg==", "Bearer", "Bearer a b", "Token x"])
  func otherAuthorizationFormsAreUnauthenticated(header: String) {
    do {
      _ = try Credential.of([.authorization: header])
      Issue.record("accepted \(header)")
    } catch {
      #expect(error.code == .unauthenticated)
    }
  }

  @Test func theCookieIsReadAndTheHeaderWinsOverIt() throws {
    let cookie: HTTPFields = [.cookie: "theme=dark; simpeg_session=spg_tok; other=1"]
    #expect(try Credential.of(cookie) == .session(token: "spg_tok", fromCookie: true))
    var both = cookie
    both[.authorization] = "Bearer spg_header"
    #expect(try Credential.of(both) == .session(token: "spg_header", fromCookie: false))
    #expect(try Credential.of([:]) == .anonymous)
    #expect(try Credential.of([.cookie: "simpeg_session="]) == .anonymous)
  }

  @Test func theCookieIsHttpOnlyStrictAndSecureWhenAsked() {
    let now = Date(timeIntervalSince1970: 1_000_000)
    let set = SessionCookie.setting(
      token: "spg_t", expires: now.addingTimeInterval(3600), now: now, secure: true)
    #expect(set == "simpeg_session=spg_t; Path=/; Max-Age=3600; HttpOnly; SameSite=Strict; Secure")
    #expect(!SessionCookie.setting(token: "t", expires: now, now: now, secure: false).contains("Secure"))
    #expect(SessionCookie.clearing(secure: false).contains("Max-Age=0"))
  }

  static let policy = CrossOriginPolicy(allowedOrigins: ["https://app.salatiga.go.id/"])

  @Test func requestsWithoutOriginOrFromTheGatewaysOwnPagesPass() throws {
    #expect(try Self.policy.verdict(headers: [:], authority: "x", credential: .anonymous) == .sameOrigin)
    let own: HTTPFields = [.origin: "http://127.0.0.1:8080"]
    #expect(
      try Self.policy.verdict(
        headers: own, authority: "127.0.0.1:8080", credential: .session(token: "t", fromCookie: true))
        == .sameOrigin)
  }

  @Test func anAllowedOriginGetsCORSHeadersButNotTheCookie() throws {
    let headers: HTTPFields = [.origin: "https://APP.salatiga.go.id"]
    let host = "simpeg.salatiga.go.id"
    let verdict = try Self.policy.verdict(
      headers: headers, authority: host, credential: .session(token: "t", fromCookie: false))
    #expect(verdict == .allowed("https://app.salatiga.go.id"))
    #expect(
      Self.policy.responseHeaders(for: verdict)[.accessControlAllowOrigin] == "https://app.salatiga.go.id")
    #expect(throws: RPCError.self) {
      try Self.policy.verdict(
        headers: headers, authority: host, credential: .session(token: "t", fromCookie: true))
    }
  }

  @Test func otherOriginsAndCrossSiteCookiesAreRefused() {
    let evil: HTTPFields = [.origin: "https://evil.example"]
    #expect(throws: RPCError.self) {
      try Self.policy.verdict(headers: evil, authority: "simpeg.salatiga.go.id", credential: .anonymous)
    }
    let noOrigin: HTTPFields = [GatewayHeaders.secFetchSite: "cross-site"]
    #expect(throws: RPCError.self) {
      try Self.policy.verdict(
        headers: noOrigin, authority: "x", credential: .session(token: "t", fromCookie: true))
    }
    #expect(throws: RPCError.self) {
      try CrossOriginPolicy(allowedOrigins: []).verdict(
        headers: [.origin: "null"], authority: "x", credential: .anonymous)
    }
  }

  @Test func preflightsAreAnsweredForAllowedOriginsOnly() {
    let (allowed, headers) = Self.policy.preflight(headers: [
      .origin: "https://app.salatiga.go.id", .accessControlRequestMethod: "POST",
      .accessControlRequestHeaders: "content-type, connect-protocol-version",
    ])
    #expect(allowed == .noContent)
    #expect(headers[.accessControlAllowHeaders] == "content-type, connect-protocol-version")
    #expect(headers[.accessControlAllowMethods] == "GET, POST")
    let (refused, refusedHeaders) = Self.policy.preflight(headers: [.origin: "https://evil.example"])
    #expect(refused == .forbidden)
    #expect(refusedHeaders[.accessControlAllowOrigin] == nil)
    #expect(
      CrossOriginPolicy(allowedOrigins: []).preflight(headers: [.origin: "https://app.salatiga.go.id"]).0
        == .forbidden)
  }

  @Test func requestHeadersBecomeMetadataButNotProtocolOrSecretOnes() throws {
    let headers: HTTPFields = [
      .contentType: "application/json", .cookie: "simpeg_session=secret", .authorization: "Bearer x",
      HTTPField.Name("Acme-Shard")!: "42", HTTPField.Name("Trace-Bin")!: "AAEC",
      GatewayHeaders.connectTimeout: "100", HTTPField.Name("Request-Id")!: "forged",
      HTTPField.Name("Forwarded-For")!: "6.6.6.6", HTTPField.Name("X-Forwarded-For")!: "6.6.6.6",
    ]
    let metadata = try CallMetadata.request(
      headers: headers, credential: .session(token: "spg_t", fromCookie: true), requestID: "r1")
    #expect(metadata["acme-shard"] == "42")
    #expect(metadata.values("trace-bin") == [.binary([0, 1, 2])])
    #expect(metadata["authorization"] == "Bearer spg_t")
    #expect(metadata.values("request-id") == [.text("r1")])
    #expect(
      metadata["cookie"] == nil && metadata["content-type"] == nil && metadata["connect-timeout-ms"] == nil)
    #expect(metadata["forwarded-for"] == nil && metadata["x-forwarded-for"] == nil)
  }

  @Test func badBinaryMetadataIsRefused() {
    #expect(throws: RPCError.self) {
      try CallMetadata.request(
        headers: [HTTPField.Name("Trace-Bin")!: "not base64!"], credential: .anonymous, requestID: "r")
    }
  }

  @Test func aRequestIDIsTakenWhenSensibleAndMadeOtherwise() {
    let taken = RequestIdentity(
      headers: [GatewayHeaders.requestID: "abc-123.X_y"], peer: "1.2.3.4", trustedProxies: [],
      servesTLS: false)
    #expect(taken.requestID == "abc-123.X_y")
    let made = RequestIdentity(
      headers: [GatewayHeaders.requestID: "has spaces\n"], peer: "1.2.3.4", trustedProxies: [],
      servesTLS: false)
    #expect(made.requestID.count == 16)
  }

  @Test func onlyTrustedProxiesNameTheClientAndTheScheme() {
    let headers: HTTPFields = [
      GatewayHeaders.forwardedFor: "10.0.0.9, 192.0.2.7", GatewayHeaders.forwardedProto: "https",
    ]
    let viaProxy = RequestIdentity(
      headers: headers, peer: "127.0.0.1", trustedProxies: ["127.0.0.1"], servesTLS: false)
    #expect(viaProxy.clientAddress == "192.0.2.7")
    #expect(viaProxy.isSecure)
    let direct = RequestIdentity(
      headers: headers, peer: "198.51.100.1", trustedProxies: ["127.0.0.1"], servesTLS: false)
    #expect(direct.clientAddress == "198.51.100.1")
    #expect(!direct.isSecure)
  }
}
