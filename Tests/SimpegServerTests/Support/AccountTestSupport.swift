import Foundation
import SimpegAPI
import SimpegRPC
import SimpegStore
import SwiftProtobuf

@testable import SimpegServer

/// The error a call ended with, or nil when it succeeded (or failed with something else).
func rpcError<T>(_ body: () async throws -> T) async -> RPCError? {
  do {
    _ = try await body()
    return nil
  } catch let error as RPCError {
    return error
  } catch {
    return nil
  }
}

/// A session of one account on a test daemon: its token and typed clients that send it.
struct TestSession {
  let token: String
  let account: Simpeg_V1_Account
  let client: RPCClient

  var auth: Simpeg_V1_AuthService.Client { Simpeg_V1_AuthService.Client(wrapping: client) }
  var accounts: Simpeg_V1_AccountService.Client { Simpeg_V1_AccountService.Client(wrapping: client) }
  var admin: Simpeg_V1_AdminService.Client { Simpeg_V1_AdminService.Client(wrapping: client) }
}

extension TestDaemon {
  /// Typed clients without a credential.
  var anonymousAuth: Simpeg_V1_AuthService.Client {
    get throws { Simpeg_V1_AuthService.Client(wrapping: try client()) }
  }

  /// Logs in with `username` and `password`.
  func login(_ username: String, _ password: String) async throws -> TestSession {
    var request = Simpeg_V1_LoginRequest()
    request.username = username
    request.password = password
    let response = try await anonymousAuth.login(request)
    return TestSession(
      token: response.token, account: response.account, client: try client(token: response.token))
  }

  /// Logs in as the bootstrap administrator.
  func loginAdmin() async throws -> TestSession {
    try await login("admin", try adminPassword)
  }

  /// Creates an operator account `username` with `password` (and `roles`) through `admin`, and
  /// returns the account.
  @discardableResult
  func createOperator(
    _ username: String, password: String = "operator-password-1", roles: [Simpeg_V1_Role] = [],
    by admin: TestSession
  ) async throws -> Simpeg_V1_Account {
    var request = Simpeg_V1_CreateUserAccountRequest()
    request.username = username
    request.initialPassword = password
    request.roles = roles
    return try await admin.accounts.createUserAccount(request).account
  }

  /// Creates a service account with `scopes` and one API key; returns the account and the
  /// key's secret.
  func createService(_ name: String, scopes: [String], by admin: TestSession) async throws
    -> (account: Simpeg_V1_Account, secret: String)
  {
    var request = Simpeg_V1_CreateServiceAccountRequest()
    request.name = name
    request.scopes = scopes
    let account = try await admin.accounts.createServiceAccount(request).account
    var keyRequest = Simpeg_V1_CreateApiKeyRequest()
    keyRequest.account = .byID(account.id)
    keyRequest.label = "test"
    let key = try await admin.accounts.createApiKey(keyRequest)
    return (account, key.secret)
  }

  /// Stores an employee with `nip` directly (the employee service is not needed for accounts).
  @discardableResult
  func insertEmployee(nip: String, name: String = "Sri Wahyuni") async throws
    -> Simpeg_Internal_V1_EmployeeRecord
  {
    try await daemon.store.write { transaction in
      var employee = Simpeg_Internal_V1_EmployeeRecord()
      employee.id = try Tables.nextID("employee", in: transaction)
      employee.nip = nip
      employee.name = name
      employee.gelarBelakang = "S.E."
      employee.active = true
      try Tables.employees.insert(employee, for: employee.id, in: transaction)
      return employee
    }
  }

  /// Every audit record, oldest first, read from the store.
  func auditRecords() throws -> [Simpeg_Internal_V1_AuditTrailRecord] {
    try daemon.store.read { try Tables.audit.scan(in: $0).map(\.value) }
  }

  /// Stores `count` sessions of `accountID` that expired a minute ago.
  func insertExpiredSessions(_ count: Int, of accountID: UInt64) async throws {
    let now = daemon.clock.now().instant
    try await daemon.store.write { transaction in
      for _ in 0..<count {
        let digest = Credentials.digest(Credentials.newToken())
        var session = Simpeg_Internal_V1_SessionRecord()
        session.tokenSha256 = Data(digest)
        session.accountID = accountID
        session.createdAt = Google_Protobuf_Timestamp(date: now.addingTimeInterval(-120))
        session.expiresAt = Google_Protobuf_Timestamp(date: now.addingTimeInterval(-60))
        try Tables.sessions.insert(session, for: RawKeyBytes(digest), in: transaction)
      }
    }
  }

  /// The number of stored sessions.
  func sessionCount() throws -> Int {
    try daemon.store.read { try Tables.sessions.count(in: $0) }
  }
}

extension Simpeg_V1_AccountRef {
  /// A reference by id.
  static func byID(_ id: UInt64) -> Simpeg_V1_AccountRef {
    var reference = Simpeg_V1_AccountRef()
    reference.id = id
    return reference
  }

  /// A reference by username.
  static func byName(_ username: String) -> Simpeg_V1_AccountRef {
    var reference = Simpeg_V1_AccountRef()
    reference.username = username
    return reference
  }
}

/// Polls `condition` every 20 ms until it holds or `timeout` passes; returns whether it held.
/// For states that arrive with the passing of time (an expiry), never as a fixed sleep.
func eventually(
  timeout: Duration = .seconds(10), _ condition: () async throws -> Bool
) async rethrows -> Bool {
  let end = ContinuousClock.now + timeout
  while ContinuousClock.now < end {
    if try await condition() { return true }
    try? await Task.sleep(for: .milliseconds(20))
  }
  return try await condition()
}
