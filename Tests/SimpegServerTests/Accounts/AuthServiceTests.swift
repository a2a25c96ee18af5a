import Crypto
import Foundation
import SimpegAPI
import SimpegStore
import Testing

@testable import SimpegServer

@Suite struct AuthServiceTests {
  @Test func bootstrapAdminLogsInAndIsToldToChangeThePassword() async throws {
    try await withTestDaemon { test in
      let session = try await test.loginAdmin()
      #expect(session.token.hasPrefix("spg_"))
      #expect(session.account.username == "admin")
      #expect(session.account.roles == [.admin])
      #expect(session.account.mustChangePassword)
    }
  }

  @Test func loginTokenAuthenticatesLaterCallsAsTheAccount() async throws {
    try await withTestDaemon { test in
      let session = try await test.loginAdmin()
      let me = try await session.auth.whoAmI(Simpeg_V1_WhoAmIRequest())
      #expect(me.account.id == session.account.id)
      #expect(me.credential == "session")
      #expect(me.positionIds.isEmpty)
    }
  }

  @Test func loginExpiryIsTheConfiguredSessionLifetime() async throws {
    try await withTestDaemon(configure: { $0.sessionLifetime = .seconds(3600) }) { test in
      let before = test.daemon.clock.now().instant
      var request = Simpeg_V1_LoginRequest()
      request.username = "admin"
      request.password = try test.adminPassword
      let response = try await test.anonymousAuth.login(request)
      let lifetime = response.expiresAt.date.timeIntervalSince(before)
      #expect(lifetime > 3590 && lifetime <= 3600 + 60)
    }
  }

  @Test func whoAmIReportsThePositionsTheEmployeeHolds() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let employee = try await test.insertEmployee(nip: "198609262015051001")
      try await test.daemon.store.write { transaction in
        var position = Simpeg_Internal_V1_PositionRecord()
        position.id = try Tables.nextID("position", in: transaction)
        position.title = "Kepala Seksi"
        position.holderEmployeeID = employee.id
        try Tables.positions.insert(position, for: position.id, in: transaction)
      }
      var create = Simpeg_V1_CreateUserAccountRequest()
      create.nip = employee.nip
      create.initialPassword = "employee-password-1"
      _ = try await admin.accounts.createUserAccount(create)
      let session = try await test.login(employee.nip, "employee-password-1")
      let me = try await session.auth.whoAmI(Simpeg_V1_WhoAmIRequest())
      #expect(me.account.employeeID == employee.id)
      #expect(me.positionIds.count == 1)
    }
  }

  @Test func loginAcceptsANIPTypedWithSpaces() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let employee = try await test.insertEmployee(nip: "198609262015051001")
      var create = Simpeg_V1_CreateUserAccountRequest()
      create.nip = employee.nip
      create.initialPassword = "employee-password-1"
      _ = try await admin.accounts.createUserAccount(create)
      let session = try await test.login("19860926 201505 1 001", "employee-password-1")
      #expect(session.account.employeeID == employee.id)
    }
  }

  @Test func changePasswordClearsMustChangeAndEndsOtherSessions() async throws {
    try await withTestDaemon { test in
      let first = try await test.loginAdmin()
      let second = try await test.loginAdmin()
      var change = Simpeg_V1_ChangePasswordRequest()
      change.oldPassword = try test.adminPassword
      change.newPassword = "a new and long password"
      _ = try await second.auth.changePassword(change)

      let stale = await rpcError { try await first.auth.whoAmI(Simpeg_V1_WhoAmIRequest()) }
      #expect(stale?.code == .unauthenticated)
      let me = try await second.auth.whoAmI(Simpeg_V1_WhoAmIRequest())
      #expect(!me.account.mustChangePassword)
      let again = try await test.login("admin", "a new and long password")
      #expect(!again.account.mustChangePassword)
    }
  }

  @Test func oldPasswordStopsWorkingAfterChangePassword() async throws {
    try await withTestDaemon { test in
      let session = try await test.loginAdmin()
      var change = Simpeg_V1_ChangePasswordRequest()
      change.oldPassword = try test.adminPassword
      change.newPassword = "a new and long password"
      _ = try await session.auth.changePassword(change)
      let error = await rpcError { try await test.loginAdmin() }
      #expect(error?.code == .unauthenticated)
    }
  }

  @Test func changePasswordRefusesAWrongOldPasswordAndChangesNothing() async throws {
    try await withTestDaemon { test in
      let session = try await test.loginAdmin()
      var change = Simpeg_V1_ChangePasswordRequest()
      change.oldPassword = "not the password"
      change.newPassword = "a new and long password"
      let error = await rpcError { try await session.auth.changePassword(change) }
      #expect(error?.code == .invalidArgument)
      #expect(error?.message.hasPrefix("old_password") == true)
      let me = try await session.auth.whoAmI(Simpeg_V1_WhoAmIRequest())
      #expect(me.account.mustChangePassword)
      _ = try await test.loginAdmin()
    }
  }

  @Test func changePasswordRefusesATooShortNewPassword() async throws {
    try await withTestDaemon { test in
      let session = try await test.loginAdmin()
      var change = Simpeg_V1_ChangePasswordRequest()
      change.oldPassword = try test.adminPassword
      change.newPassword = String(repeating: "x", count: PasswordHasher.minimumLength - 1)
      let error = await rpcError { try await session.auth.changePassword(change) }
      #expect(error?.code == .invalidArgument)
      #expect(error?.message.hasPrefix("new_password") == true)
      _ = try await test.loginAdmin()
    }
  }

  @Test func changePasswordRefusesTheSamePasswordAgain() async throws {
    try await withTestDaemon { test in
      let session = try await test.loginAdmin()
      var change = Simpeg_V1_ChangePasswordRequest()
      change.oldPassword = try test.adminPassword
      change.newPassword = try test.adminPassword
      let error = await rpcError { try await session.auth.changePassword(change) }
      #expect(error?.code == .invalidArgument)
      #expect(error?.message.hasPrefix("new_password") == true)
    }
  }

  @Test func serviceAccountCannotChangePassword() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let service = try await test.createService("absensi", scopes: ["employees.read"], by: admin)
      let auth = Simpeg_V1_AuthService.Client(wrapping: try test.client(apiKey: service.secret))
      var change = Simpeg_V1_ChangePasswordRequest()
      change.oldPassword = "whatever-password"
      change.newPassword = "a new and long password"
      let error = await rpcError { try await auth.changePassword(change) }
      #expect(error?.code == .permissionDenied)
    }
  }

  @Test func wrongPasswordAndUnknownUsernameGetTheSameRefusal() async throws {
    try await withTestDaemon { test in
      let wrongPassword = await rpcError { try await test.login("admin", "not the password") }
      let unknownUser = await rpcError { try await test.login("nobody", "not the password") }
      #expect(wrongPassword?.code == .unauthenticated)
      #expect(wrongPassword == unknownUser)
    }
  }

  @Test func serviceAccountCannotLogInWithAPassword() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      _ = try await test.createService("absensi", scopes: ["employees.read"], by: admin)
      let refusal = await rpcError { try await test.login("absensi", "any password at all") }
      let unknown = await rpcError { try await test.login("nobody", "any password at all") }
      #expect(refusal?.code == .unauthenticated)
      #expect(refusal == unknown)
    }
  }

  @Test func failedLoginsAreThrottledPerAccount() async throws {
    try await withTestDaemon(configure: {
      $0.failedLoginsPerAccount = 3
      $0.failedLoginsPerHost = 100
    }) { test in
      for _ in 0..<3 {
        let error = await rpcError { try await test.login("admin", "not the password") }
        #expect(error?.code == .unauthenticated)
      }
      // Even the right password is refused while the account is throttled.
      let throttled = await rpcError { try await test.loginAdmin() }
      #expect(throttled?.code == .resourceExhausted)
      #expect(throttled?.message.contains("try again in") == true)
      let seconds = throttled?.metadata["retry-after"].flatMap(Int.init)
      #expect(seconds.map { $0 > 0 && $0 <= 15 * 60 } == true)
      // Another account from the same host is not affected.
      let other = await rpcError { try await test.login("nobody", "not the password") }
      #expect(other?.code == .unauthenticated)
    }
  }

  @Test func failedLoginsAreThrottledPerPeer() async throws {
    try await withTestDaemon(configure: {
      $0.failedLoginsPerAccount = 100
      $0.failedLoginsPerHost = 3
    }) { test in
      for name in ["alpha", "bravo", "charlie"] {
        let error = await rpcError { try await test.login(name, "not the password") }
        #expect(error?.code == .unauthenticated)
      }
      let throttled = await rpcError { try await test.loginAdmin() }
      #expect(throttled?.code == .resourceExhausted)
    }
  }

  @Test func successfulLoginForgetsTheAccountsFailures() async throws {
    try await withTestDaemon(configure: {
      $0.failedLoginsPerAccount = 3
      $0.failedLoginsPerHost = 100
    }) { test in
      for _ in 0..<2 { _ = await rpcError { try await test.login("admin", "not the password") } }
      _ = try await test.loginAdmin()
      for _ in 0..<2 { _ = await rpcError { try await test.login("admin", "not the password") } }
      _ = try await test.loginAdmin()
    }
  }

  @Test func disabledAccountCannotLogIn() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let account = try await test.createOperator("operator1", by: admin)
      var disable = Simpeg_V1_SetAccountDisabledRequest()
      disable.account = .byID(account.id)
      disable.disabled = true
      disable.reason = "left BKPSDM"
      _ = try await admin.accounts.setAccountDisabled(disable)
      let error = await rpcError { try await test.login("operator1", "operator-password-1") }
      #expect(error?.code == .unauthenticated)
      #expect(error?.message.contains("disabled") == true)
    }
  }

  @Test func disabledAccountWithAWrongPasswordGetsTheOrdinaryRefusal() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let account = try await test.createOperator("operator1", by: admin)
      var disable = Simpeg_V1_SetAccountDisabledRequest()
      disable.account = .byID(account.id)
      disable.disabled = true
      _ = try await admin.accounts.setAccountDisabled(disable)
      let error = await rpcError { try await test.login("operator1", "not the password") }
      #expect(error == LoginRefusal.wrongCredentials)
    }
  }

  @Test func disablingAnAccountMakesItsSessionUselessAtOnce() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let account = try await test.createOperator("operator1", by: admin)
      let session = try await test.login("operator1", "operator-password-1")
      _ = try await session.auth.whoAmI(Simpeg_V1_WhoAmIRequest())
      var disable = Simpeg_V1_SetAccountDisabledRequest()
      disable.account = .byID(account.id)
      disable.disabled = true
      _ = try await admin.accounts.setAccountDisabled(disable)
      let error = await rpcError { try await session.auth.whoAmI(Simpeg_V1_WhoAmIRequest()) }
      #expect(error?.code == .unauthenticated)
    }
  }

  @Test func enablingAgainDoesNotBringOldSessionsBack() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let account = try await test.createOperator("operator1", by: admin)
      let session = try await test.login("operator1", "operator-password-1")
      var toggle = Simpeg_V1_SetAccountDisabledRequest()
      toggle.account = .byID(account.id)
      toggle.disabled = true
      _ = try await admin.accounts.setAccountDisabled(toggle)
      toggle.disabled = false
      _ = try await admin.accounts.setAccountDisabled(toggle)
      let error = await rpcError { try await session.auth.whoAmI(Simpeg_V1_WhoAmIRequest()) }
      #expect(error?.code == .unauthenticated)
      _ = try await test.login("operator1", "operator-password-1")
    }
  }

  @Test func logoutEndsTheCurrentSessionOnly() async throws {
    try await withTestDaemon { test in
      let first = try await test.loginAdmin()
      let second = try await test.loginAdmin()
      _ = try await first.auth.logout(Simpeg_V1_LogoutRequest())
      let error = await rpcError { try await first.auth.whoAmI(Simpeg_V1_WhoAmIRequest()) }
      #expect(error?.code == .unauthenticated)
      _ = try await second.auth.whoAmI(Simpeg_V1_WhoAmIRequest())
      #expect(try test.sessionCount() == 1)
    }
  }

  @Test func logoutWithAnAPIKeyIsRefused() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let service = try await test.createService("absensi", scopes: ["org.read"], by: admin)
      let auth = Simpeg_V1_AuthService.Client(wrapping: try test.client(apiKey: service.secret))
      let error = await rpcError { try await auth.logout(Simpeg_V1_LogoutRequest()) }
      #expect(error?.code == .failedPrecondition)
      _ = try await auth.whoAmI(Simpeg_V1_WhoAmIRequest())
    }
  }

  @Test func sessionStopsWorkingWhenItExpires() async throws {
    let clock = TestClock()
    try await withTestDaemon(configure: {
      $0.sessionLifetime = .seconds(60)
      $0.clock = clock.wib
    }) { test in
      let session = try await test.loginAdmin()
      clock.advance(by: 59)
      _ = try await session.auth.whoAmI(Simpeg_V1_WhoAmIRequest())
      clock.advance(by: 1)
      let error = await rpcError { try await session.auth.whoAmI(Simpeg_V1_WhoAmIRequest()) }
      #expect(error?.code == .unauthenticated)
      #expect(error?.message.contains("expired") == true)
    }
  }

  @Test func loginDeletesExpiredSessions() async throws {
    try await withTestDaemon { test in
      let live = try await test.loginAdmin()
      try await test.insertExpiredSessions(5, of: live.account.id)
      #expect(try test.sessionCount() == 6)
      _ = try await test.loginAdmin()
      #expect(try test.sessionCount() == 2)
      _ = try await live.auth.whoAmI(Simpeg_V1_WhoAmIRequest())
    }
  }

  @Test func oneLoginDeletesABoundedNumberOfExpiredSessions() async throws {
    try await withTestDaemon { test in
      try await test.insertExpiredSessions(Sessions.sweepLimit + 10, of: 999)
      _ = try await test.loginAdmin()
      #expect(try test.sessionCount() == 10 + 1)
      _ = try await test.loginAdmin()
      #expect(try test.sessionCount() == 2)
    }
  }

  @Test func sessionsAreStoredOnlyAsTheDigestOfTheirToken() async throws {
    try await withTestDaemon { test in
      let session = try await test.loginAdmin()
      let digest = Array(SHA256.hash(data: Data(session.token.utf8)))
      let stored = try test.daemon.store.read { transaction in
        try Tables.sessions.scan(in: transaction)
      }
      #expect(stored.count == 1)
      #expect(stored.first?.key.bytes == digest)
      #expect(stored.first.map { Array($0.value.tokenSha256) } == digest)
    }
  }

  @Test func oneAccountKeepsAtMostTheMaximumNumberOfSessions() async throws {
    try await withTestDaemon { test in
      let password = try test.adminPassword
      for _ in 0..<(Sessions.maximumPerAccount + 3) {
        _ = try await test.login("admin", password)
      }
      #expect(try test.sessionCount() == Sessions.maximumPerAccount)
    }
  }

  @Test func successfulLoginIsAuditedWithoutThePassword() async throws {
    try await withTestDaemon { test in
      _ = await rpcError { try await test.login("admin", "not the password") }
      let session = try await test.loginAdmin()
      let logins = try test.auditRecords().filter { $0.method.hasSuffix("AuthService/Login") }
      #expect(logins.count == 1)
      let record = try #require(logins.first)
      #expect(record.actor == "admin")
      #expect(record.actorAccountID == session.account.id)
      var usernameOnly = Simpeg_V1_LoginRequest()
      usernameOnly.username = "admin"
      let expected = Array(SHA256.hash(data: try usernameOnly.serializedBytes() as [UInt8]))
      #expect(Array(record.requestSha256) == expected)
      #expect(record.targets.contains("account:\(session.account.id)"))
    }
  }

  @Test func changePasswordIsAuditedWithAnEmptyRequestDigest() async throws {
    try await withTestDaemon { test in
      let session = try await test.loginAdmin()
      var change = Simpeg_V1_ChangePasswordRequest()
      change.oldPassword = try test.adminPassword
      change.newPassword = "a new and long password"
      _ = try await session.auth.changePassword(change)
      let record = try #require(
        try test.auditRecords().last { $0.method.hasSuffix("AuthService/ChangePassword") })
      #expect(Array(record.requestSha256) == Array(SHA256.hash(data: Data())))
      #expect(record.actor == "admin")
    }
  }

  @Test func loginRefusesAnOverlongUsername() async throws {
    try await withTestDaemon { test in
      let error = await rpcError {
        try await test.login(String(repeating: "a", count: 10_000), "whatever password")
      }
      #expect(error?.code == .invalidArgument)
      #expect(error?.message.hasPrefix("username") == true)
    }
  }

  @Test func callsWithoutACredentialAreRefused() async throws {
    try await withTestDaemon { test in
      let error = await rpcError { try await test.anonymousAuth.whoAmI(Simpeg_V1_WhoAmIRequest()) }
      #expect(error?.code == .unauthenticated)
    }
  }
}
