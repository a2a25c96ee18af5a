import Foundation
import SimpegAPI
import SimpegRPC

/// Logging in and the typed clients of one caller of a running simpegd.
struct Caller {
  let client: RPCClient

  var auth: Simpeg_V1_AuthService.Client { .init(wrapping: client) }
  var org: Simpeg_V1_OrgService.Client { .init(wrapping: client) }
  var employees: Simpeg_V1_EmployeeService.Client { .init(wrapping: client) }
  var accounts: Simpeg_V1_AccountService.Client { .init(wrapping: client) }
  var admin: Simpeg_V1_AdminService.Client { .init(wrapping: client) }
  var health: Simpeg_V1_HealthService.Client { .init(wrapping: client) }
  var plan: Simpeg_V1_PlanService.Client { .init(wrapping: client) }
  var activities: Simpeg_V1_ActivityService.Client { .init(wrapping: client) }
  var evaluation: Simpeg_V1_EvaluationService.Client { .init(wrapping: client) }
}

extension SimpegdProcess {
  /// The bootstrap administrator's password from the credentials file.
  var bootstrapPassword: String {
    get throws {
      let text = try String(
        contentsOf: dataFolder.appendingPathComponent("bootstrap-admin.txt"), encoding: .utf8)
      guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("password=") }) else {
        throw Failure("bootstrap-admin.txt has no password line")
      }
      return String(line.dropFirst("password=".count))
    }
  }

  /// A caller without credentials.
  func anonymous() throws -> Caller { Caller(client: try client()) }

  /// Logs in and returns the session token.
  func login(_ username: String, _ password: String) async throws -> String {
    var request = Simpeg_V1_LoginRequest()
    request.username = username
    request.password = password
    return try await anonymous().auth.login(request).token
  }

  /// A caller with a fresh session of `username`.
  func caller(_ username: String, _ password: String) async throws -> Caller {
    Caller(client: try client(token: try await login(username, password)))
  }

  /// The bootstrap administrator, logged in.
  func admin() async throws -> Caller {
    try await caller("admin", try bootstrapPassword)
  }
}

/// The status a call failed with, or nil when it succeeded.
func status<T>(_ body: () async throws -> T) async -> StatusCode? {
  do {
    _ = try await body()
    return nil
  } catch let error as RPCError {
    return error.code
  } catch {
    return .unknown
  }
}

/// Polls `condition` until it holds or `timeout` passes.
func eventually(
  timeout: Duration = .seconds(30), _ condition: () async throws -> Bool
) async rethrows -> Bool {
  let deadline = ContinuousClock.now + timeout
  while ContinuousClock.now < deadline {
    if try await condition() { return true }
    try? await Task.sleep(for: .milliseconds(20))
  }
  return try await condition()
}

/// Today in Salatiga (WIB, UTC+7), as the daemon's clock counts days.
var salatigaToday: Simpeg_V1_Date {
  let parts = Calendar(identifier: .gregorian).dateComponents(
    in: TimeZone(secondsFromGMT: 7 * 3600)!, from: Date())
  var date = Simpeg_V1_Date()
  date.year = Int32(parts.year!)
  date.month = Int32(parts.month!)
  date.day = Int32(parts.day!)
  return date
}
