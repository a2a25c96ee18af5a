import Foundation
import SimpegAPI
import SimpegRPC
import SimpegStore
import SwiftProtobuf

@testable import SimpegServer

/// Someone calling the daemon: typed clients of the services under test over one connection.
struct Caller: Sendable {
  let client: RPCClient

  /// OrgService as this caller.
  var org: Simpeg_V1_OrgService.Client { Simpeg_V1_OrgService.Client(wrapping: client) }
  /// EmployeeService as this caller.
  var employees: Simpeg_V1_EmployeeService.Client { Simpeg_V1_EmployeeService.Client(wrapping: client) }
}

/// Accounts with sessions or API keys written straight into a test daemon's store, the way
/// `Authenticator` reads them (token digests, never tokens), so that service tests do not depend
/// on AuthService. These setup writes add no audit records.
extension TestDaemon {
  /// A signed-in ADMIN (BKPSDM).
  func admin() async throws -> Caller {
    try await signedIn(username: "bkpsdm-\(UUID().uuidString.prefix(8))", roles: [.admin])
  }

  /// A signed-in AUDITOR (Inspektorat).
  func auditor() async throws -> Caller {
    try await signedIn(username: "inspektorat-\(UUID().uuidString.prefix(8))", roles: [.auditor])
  }

  /// A signed-in user account tied to `employeeID`, without roles.
  func user(employeeID: UInt64) async throws -> Caller {
    try await signedIn(username: "user-\(employeeID)", employeeID: employeeID)
  }

  /// A session for a new account; the caller sends its token as `Bearer`.
  func signedIn(
    username: String, kind: Simpeg_V1_AccountKind = .user, roles: [Simpeg_V1_Role] = [],
    scopes: [String] = [], employeeID: UInt64 = 0
  ) async throws -> Caller {
    let token = Credentials.newToken()
    let digest = Credentials.digest(token)
    let accountID = try await createAccount(
      username: username, kind: kind, roles: roles, scopes: scopes, employeeID: employeeID)
    try await daemon.store.write { transaction in
      var session = Simpeg_Internal_V1_SessionRecord()
      session.tokenSha256 = Data(digest)
      session.accountID = accountID
      let now = daemon.clock.now().instant
      session.createdAt = Google_Protobuf_Timestamp(date: now)
      // A week, so tests that move the daemon's clock over days keep their callers.
      session.expiresAt = Google_Protobuf_Timestamp(date: now.addingTimeInterval(7 * 86_400))
      try Tables.sessions.insert(session, for: RawKeyBytes(digest), in: transaction)
    }
    return Caller(client: try client(token: token))
  }

  /// A service account holding `scopes`, calling with an API key (`authorization: ApiKey ...`).
  func service(scopes: [String]) async throws -> Caller {
    let secret = Credentials.newAPIKey()
    let digest = Credentials.digest(secret)
    let accountID = try await createAccount(
      username: "app-\(UUID().uuidString.prefix(8))", kind: .service, roles: [], scopes: scopes,
      employeeID: 0)
    try await daemon.store.write { transaction in
      var key = Simpeg_Internal_V1_ApiKeyRecord()
      key.id = try Tables.nextID("api_key", in: transaction)
      key.accountID = accountID
      key.secretSha256 = Data(digest)
      key.label = "test"
      key.createdAt = Google_Protobuf_Timestamp(date: daemon.clock.now().instant)
      try Tables.apiKeys.insert(key, for: key.id, in: transaction)
    }
    return Caller(client: try client(apiKey: secret))
  }

  private func createAccount(
    username: String, kind: Simpeg_V1_AccountKind, roles: [Simpeg_V1_Role], scopes: [String],
    employeeID: UInt64
  ) async throws -> UInt64 {
    try await daemon.store.write { transaction in
      var account = Simpeg_V1_Account()
      account.id = try Tables.nextID("account", in: transaction)
      account.kind = kind
      account.username = username
      account.roles = roles
      account.scopes = scopes
      account.employeeID = employeeID
      account.createdAt = Google_Protobuf_Timestamp(date: daemon.clock.now().instant)
      var record = Simpeg_Internal_V1_AccountRecord()
      record.account = account
      try Tables.accounts.insert(record, for: account.id, in: transaction)
      return account.id
    }
  }
}
