import Foundation
import SimpegAPI
import SimpegTestSupport

/// The real simpegd and the real simpeg-web in front of it, for one test, in one temporary
/// folder; tests talk to the gateway with curl and set things up with a binary client.
final class WebCity: @unchecked Sendable {
  // @unchecked: the processes are replaced only by the test that owns this value, one call at a
  // time (restarts); each process is itself safe to signal from any thread.
  let folder: URL
  private(set) var daemon: SimpegdProcess
  private(set) var web: WebProcess
  private let daemonArguments: [String]
  private let webArguments: [String]

  /// Starts simpegd (with the sample city of this year when `sample`, and `daemonArguments`)
  /// and simpeg-web in front of it with `webArguments`.
  static func start(
    sample: Bool = false, daemonArguments extra: [String] = [], webArguments: [String] = [],
    tls: Bool = false
  ) async throws -> WebCity {
    let folder = try SimpegdProcess.makeFolder()
    let sampleArguments = [
      "--sample-seed", "11", "--sample-year", "\(SampleCast.today.year)", "--sample-service-requests", "200",
    ]
    let daemonArguments = (sample ? sampleArguments : []) + extra
    let daemon = try await SimpegdProcess.start(in: folder, arguments: daemonArguments)
    do {
      let web = try await WebProcess.start(
        upstreamPort: daemon.rpcPort, in: folder, arguments: webArguments, tls: tls)
      return WebCity(
        folder: folder, daemon: daemon, web: web, daemonArguments: daemonArguments, webArguments: webArguments
      )
    } catch {
      daemon.removeFolder()
      throw error
    }
  }

  private init(
    folder: URL, daemon: SimpegdProcess, web: WebProcess, daemonArguments: [String], webArguments: [String]
  ) {
    self.folder = folder
    self.daemon = daemon
    self.web = web
    self.daemonArguments = daemonArguments
    self.webArguments = webArguments
  }

  /// A curl client of the gateway, without cookies.
  var curl: Curl { web.curl() }

  /// A curl client of the gateway with its own cookie jar: a browser.
  func browser() -> Curl { web.curl().withCookieJar() }

  /// Stops simpegd, then starts it again on the same folder and port.
  func stopDaemon() async { await daemon.stop() }

  /// Starts simpegd again on its data folder and its former port.
  func restartDaemon() async throws {
    daemon = try await SimpegdProcess.start(
      in: folder, arguments: daemonArguments, listen: "127.0.0.1:\(daemon.rpcPort)")
  }

  /// Stops both, gateway first.
  func stop() async {
    await web.stop()
    await daemon.stop()
  }

  /// Kills whatever a test left running and removes the folder (every test defers this).
  func cleanUp() {
    web.killIfRunning()
    daemon.removeFolder()
  }

  // MARK: People

  /// The administrator's password once ``adminToken()`` changed it.
  private static let changedAdminPassword = "sandi-admin-kota-salatiga"
  private var adminPasswordChanged = false

  /// The administrator over the binary protocol (simpegd lets a pending password change call
  /// anything; the gateway does not).
  func admin() async throws -> Caller {
    adminPasswordChanged
      ? try await daemon.caller("admin", Self.changedAdminPassword) : try await daemon.admin()
  }

  /// Logs `username` in through the gateway's login endpoint in `browser`, changing the
  /// password to `newPassword` when the account must; returns the login's JSON.
  @discardableResult
  func logIn(
    _ browser: Curl, _ username: String, _ password: String, newPassword: String? = nil
  ) async throws -> [String: Any] {
    let login = try await browser.post(
      "/auth/login", json: #"{"username":"\#(username)","password":"\#(password)"}"#)
    guard login.status == 200 else { throw SimpegdProcess.Failure("login of \(username) failed: \(login)") }
    let body = try login.json()
    let account = body["account"] as? [String: Any] ?? [:]
    if account["mustChangePassword"] as? Bool == true, let newPassword {
      let change = try await browser.post(
        "/simpeg.v1.AuthService/ChangePassword",
        json: #"{"oldPassword":"\#(password)","newPassword":"\#(newPassword)"}"#)
      guard change.status == 200 else { throw SimpegdProcess.Failure("password change failed: \(change)") }
    }
    return body
  }

  /// A session token of the administrator for `Authorization: Bearer`, after the password
  /// change the bootstrap account needs.
  func adminToken() async throws -> String {
    let changed = Self.changedAdminPassword
    if !adminPasswordChanged {
      var change = Simpeg_V1_ChangePasswordRequest()
      change.oldPassword = try daemon.bootstrapPassword
      change.newPassword = changed
      _ = try await daemon.admin().auth.changePassword(change)
      adminPasswordChanged = true
    }
    let login = try await curl.post(
      "/simpeg.v1.AuthService/Login", json: #"{"username":"admin","password":"\#(changed)"}"#)
    guard login.status == 200, let token = try login.json()["token"] as? String else {
      throw SimpegdProcess.Failure("the administrator's login failed: \(login)")
    }
    return token
  }
}
