import Foundation
import SimpegAPI
import SimpegTestSupport
import Testing

/// People in browsers through the real simpeg-web and simpegd: the session cookie, a forced
/// password change, logout, and the refusals of cross-site requests and of other origins.
@Suite struct WebSessionsEndToEndTests {
  static let initial = "sandi-awal-pegawai"
  static let changed = "sandi-baru-pegawai-2026"

  /// An employee of the sample with a new account (which must change its password).
  static func person(_ city: WebCity) async throws -> Simpeg_V1_Employee {
    let admin = try await city.admin()
    var search = Simpeg_V1_SearchEmployeesRequest()
    search.page.pageSize = 5
    let employee = try #require(try await admin.employees.searchEmployees(search).employees.first)
    var create = Simpeg_V1_CreateUserAccountRequest()
    create.nip = employee.nip
    create.initialPassword = initial
    _ = try await admin.accounts.createUserAccount(create)
    return employee
  }

  @Test func anAccountThatMustChangeItsPasswordCanDoNothingElseUntilItHas() async throws {
    let city = try await WebCity.start(sample: true)
    defer { city.cleanUp() }
    let employee = try await Self.person(city)
    let browser = city.browser()
    let login = try await city.logIn(browser, employee.nip, Self.initial)
    #expect((login["account"] as? [String: Any])?["mustChangePassword"] as? Bool == true)
    let getSelf = #"{"id":"\#(employee.id)"}"#
    let refused = try await browser.post("/simpeg.v1.EmployeeService/GetEmployee", json: getSelf)
    #expect(refused.status == 400, "\(refused)")
    #expect(try refused.json()["code"] as? String == "failed_precondition")
    #expect((try refused.json()["message"] as? String ?? "").contains("ChangePassword"))
    let stream = try await browser.request("GET", "/events/activities")
    #expect(stream.status == 400, "streams are refused too: \(stream)")
    let whoAmI = try await browser.post("/simpeg.v1.AuthService/WhoAmI", json: "{}")
    #expect(whoAmI.status == 200, "looking oneself up is allowed")
    let change = try await browser.post(
      "/simpeg.v1.AuthService/ChangePassword",
      json: #"{"oldPassword":"\#(Self.initial)","newPassword":"\#(Self.changed)"}"#)
    #expect(change.status == 200, "\(change)")
    let allowed = try await browser.post("/simpeg.v1.EmployeeService/GetEmployee", json: getSelf)
    #expect(allowed.status == 200, "\(allowed)")
    #expect(try allowed.json()["nip"] as? String == employee.nip)
    await city.stop()
  }

  @Test func theCookieKeepsTheTokenFromPageScriptsAndLogoutEndsTheSession() async throws {
    let city = try await WebCity.start(sample: true)
    defer { city.cleanUp() }
    let employee = try await Self.person(city)
    let browser = city.browser()
    let login = try await browser.post(
      "/auth/login", json: #"{"username":"\#(employee.nip)","password":"\#(Self.initial)"}"#)
    #expect(login.status == 200)
    let cookie = try #require(login.header("set-cookie"))
    #expect(cookie.hasPrefix("simpeg_session=spg_"))
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age="] {
      #expect(cookie.contains(attribute), "\(attribute) in \(cookie)")
    }
    #expect(!cookie.contains("Secure"), "plain HTTP: not Secure")
    #expect(!login.text.contains("spg_"), "the token is not in the body: \(login.text)")
    #expect(try login.json()["expiresAt"] != nil)
    let token = String(cookie.dropFirst("simpeg_session=".count).prefix { $0 != ";" })
    _ = try await browser.post(
      "/simpeg.v1.AuthService/ChangePassword",
      json: #"{"oldPassword":"\#(Self.initial)","newPassword":"\#(Self.changed)"}"#)
    #expect(try await browser.post("/simpeg.v1.AuthService/WhoAmI", json: "{}").status == 200)

    let logout = try await browser.post("/auth/logout", json: "{}")
    #expect(logout.status == 200)
    #expect(logout.header("set-cookie")?.contains("Max-Age=0") == true)
    let replayed = try await city.curl.post(
      "/simpeg.v1.AuthService/WhoAmI", json: "{}", headers: ["Cookie": "simpeg_session=\(token)"])
    #expect(replayed.status == 401, "the old cookie's session is over: \(replayed)")
    #expect(
      replayed.header("set-cookie")?.contains("Max-Age=0") == true, "and the browser is told to drop it")
    #expect(try await browser.post("/simpeg.v1.AuthService/WhoAmI", json: "{}").status == 401)
    await city.stop()
  }

  @Test func crossSiteRequestsAreRefusedWhateverTheCookie() async throws {
    let city = try await WebCity.start(sample: true)
    defer { city.cleanUp() }
    let employee = try await Self.person(city)
    let browser = city.browser()
    try await city.logIn(browser, employee.nip, Self.initial, newPassword: Self.changed)
    let path = "/simpeg.v1.AuthService/WhoAmI"
    let form = try await browser.request(
      "POST", path, headers: ["Content-Type": "text/plain"], body: Data("{}".utf8))
    #expect(form.status == 415, "a form's content type never reaches a method: \(form)")
    let otherSite = try await browser.post(path, json: "{}", headers: ["Origin": "https://evil.example"])
    #expect(otherSite.status == 403, "\(otherSite)")
    #expect(try otherSite.json()["code"] as? String == "permission_denied")
    let noOrigin = try await browser.post(path, json: "{}", headers: ["Sec-Fetch-Site": "cross-site"])
    #expect(noOrigin.status == 403, "\(noOrigin)")
    let ownPage = try await browser.post(path, json: "{}", headers: ["Origin": city.web.baseURL])
    #expect(ownPage.status == 200, "the gateway's own pages pass: \(ownPage)")
    let loginFromElsewhere = try await city.browser().post(
      "/auth/login", json: #"{"username":"\#(employee.nip)","password":"\#(Self.changed)"}"#,
      headers: ["Origin": "https://evil.example"])
    #expect(loginFromElsewhere.status == 403)
    let loginAsForm = try await city.browser().request(
      "POST", "/auth/login", headers: ["Content-Type": "application/x-www-form-urlencoded"],
      body: Data("username=\(employee.nip)&password=\(Self.changed)".utf8))
    #expect(loginAsForm.status == 415)
    let logoutAsForm = try await browser.request(
      "POST", "/auth/logout", headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Data())
    #expect(logoutAsForm.status == 415, "a cross-site form cannot log the person out either")
    await city.stop()
  }

  @Test func corsIsOffUnlessTheAllowListNamesTheOrigin() async throws {
    let app = "https://app.salatiga.go.id"
    let preflight = [
      "Origin": app, "Access-Control-Request-Method": "POST",
      "Access-Control-Request-Headers": "content-type, authorization",
    ]
    let closed = try await WebCity.start(sample: false)
    defer { closed.cleanUp() }
    let refused = try await closed.curl.request(
      "OPTIONS", "/simpeg.v1.HealthService/Check", headers: preflight)
    #expect(refused.status == 403)
    #expect(refused.header("access-control-allow-origin") == nil)
    await closed.stop()

    let open = try await WebCity.start(sample: false, webArguments: ["--cors-allow-origins", app])
    defer { open.cleanUp() }
    let allowed = try await open.curl.request("OPTIONS", "/simpeg.v1.HealthService/Check", headers: preflight)
    #expect(allowed.status == 204)
    #expect(allowed.header("access-control-allow-origin") == app)
    #expect(allowed.header("access-control-allow-headers") == "content-type, authorization")
    let call = try await open.curl.post(
      "/simpeg.v1.HealthService/Check", json: "{}", headers: ["Origin": app])
    #expect(call.status == 200, "\(call)")
    #expect(call.header("access-control-allow-origin") == app)
    let other = try await open.curl.post(
      "/simpeg.v1.HealthService/Check", json: "{}", headers: ["Origin": "https://evil.example"])
    #expect(other.status == 403)
    await open.stop()
  }

  /// Six wrong passwords for `admin` from one client of the gateway, then the right one from
  /// another; the client addresses come in X-Forwarded-For, which the gateway believes from
  /// curl on 127.0.0.1 (a trusted proxy in these tests) and passes on as `forwarded-for`.
  static func guessThenLogIn(_ city: WebCity) async throws -> (guesses: [Int], owner: Int) {
    let password = try city.daemon.bootstrapPassword
    var guesses: [Int] = []
    for _ in 0..<6 {
      guesses.append(
        try await city.curl.post(
          "/simpeg.v1.AuthService/Login", json: #"{"username":"admin","password":"tebakan-salah"}"#,
          headers: ["X-Forwarded-For": "10.66.0.1"]
        ).status)
    }
    let owner = try await city.curl.post(
      "/simpeg.v1.AuthService/Login", json: #"{"username":"admin","password":"\#(password)"}"#,
      headers: ["X-Forwarded-For": "10.7.0.2"])
    return (guesses, owner.status)
  }

  @Test func loginThrottlingCountsEachClientOfTheGatewayApartWhenSimpegdTrustsIt() async throws {
    let city = try await WebCity.start(
      daemonArguments: ["--trusted-forwarders", "127.0.0.1"],
      webArguments: ["--trusted-proxies", "127.0.0.1"])
    defer { city.cleanUp() }
    let (guesses, owner) = try await Self.guessThenLogIn(city)
    #expect(
      guesses.prefix(5).allSatisfy { $0 == 401 } && guesses.last == 429,
      "the guesser is throttled: \(guesses)")
    #expect(owner == 200, "the owner, another client of the same gateway, logs in")
    await city.stop()
  }

  @Test func withoutTrustingTheGatewaySimpegdCountsAllItsClientsAsOne() async throws {
    let city = try await WebCity.start(webArguments: ["--trusted-proxies", "127.0.0.1"])
    defer { city.cleanUp() }
    let (guesses, owner) = try await Self.guessThenLogIn(city)
    #expect(guesses.last == 429)
    #expect(owner == 429, "every client of the gateway shares its throttle: trusted-forwarders is needed")
    await city.stop()
  }
}
