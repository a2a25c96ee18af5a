import Crypto
import Foundation
import NIOConcurrencyHelpers
import SimpegAPI
import SimpegRPC
import SimpegStore
import Testing

@testable import SimpegServer

@Suite struct AccountServiceTests {
  // MARK: User accounts

  @Test func userAccountForAnEmployeeIsFoundByNIPAndTiedToTheEmployee() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let employee = try await test.insertEmployee(nip: "198609262015051001")
      var request = Simpeg_V1_CreateUserAccountRequest()
      request.nip = "19860926 201505 1 001"
      let response = try await admin.accounts.createUserAccount(request)
      #expect(response.account.username == "198609262015051001")
      #expect(response.account.employeeID == employee.id)
      #expect(response.account.kind == .user)
      #expect(response.account.mustChangePassword)
      #expect(response.account.displayName == "Sri Wahyuni, S.E.")
      #expect(response.initialPassword.count >= PasswordHasher.minimumLength)
      let session = try await test.login("198609262015051001", response.initialPassword)
      #expect(session.account.mustChangePassword)
    }
  }

  @Test func userAccountForAnUnknownNIPIsNotFound() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      var request = Simpeg_V1_CreateUserAccountRequest()
      request.nip = "198609262015051001"
      let error = await rpcError { try await admin.accounts.createUserAccount(request) }
      #expect(error?.code == .notFound)
      #expect(error?.message.hasPrefix("nip") == true)
    }
  }

  @Test func secondAccountForTheSameEmployeeAlreadyExists() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      try await test.insertEmployee(nip: "198609262015051001")
      var request = Simpeg_V1_CreateUserAccountRequest()
      request.nip = "198609262015051001"
      _ = try await admin.accounts.createUserAccount(request)
      let error = await rpcError { try await admin.accounts.createUserAccount(request) }
      #expect(error?.code == .alreadyExists)
      #expect(error?.message.hasPrefix("nip") == true)
    }
  }

  @Test func malformedNIPIsRefusedNamingTheDigitGroup() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      var request = Simpeg_V1_CreateUserAccountRequest()
      request.nip = "198613262015051001"
      let error = await rpcError { try await admin.accounts.createUserAccount(request) }
      #expect(error?.code == .invalidArgument)
      #expect(error?.message.hasPrefix("nip: digits 1-8") == true)
    }
  }

  @Test func nipAndUsernameTogetherAreRefused() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      var request = Simpeg_V1_CreateUserAccountRequest()
      request.nip = "198609262015051001"
      request.username = "operator1"
      let error = await rpcError { try await admin.accounts.createUserAccount(request) }
      #expect(error?.code == .invalidArgument)
    }
  }

  @Test func operatorAccountWithAChosenPasswordMustChangeIt() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      var request = Simpeg_V1_CreateUserAccountRequest()
      request.username = "Operator.BKPSDM"
      request.initialPassword = "chosen-password-1"
      request.roles = [.auditor, .auditor]
      request.displayName = "  Operator BKPSDM  "
      let response = try await admin.accounts.createUserAccount(request)
      #expect(response.account.username == "operator.bkpsdm")
      #expect(response.account.roles == [.auditor])
      #expect(response.account.displayName == "Operator BKPSDM")
      #expect(response.initialPassword.isEmpty)
      let session = try await test.login("operator.bkpsdm", "chosen-password-1")
      #expect(session.account.mustChangePassword)
    }
  }

  @Test func takenUsernameAlreadyExistsWhateverItsCase() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      try await test.createOperator("operator1", by: admin)
      let error = await rpcError { try await test.createOperator("OPERATOR1", by: admin) }
      #expect(error?.code == .alreadyExists)
      #expect(error?.message.hasPrefix("username") == true)
    }
  }

  @Test(arguments: [
    ("username", "ab"),
    ("username", String(repeating: "a", count: 65)),
    ("username", "1234567"),
    ("username", "has space"),
    ("display_name", String(repeating: "n", count: 10_000)),
    ("initial_password", "short"),
  ])
  func badUserAccountInputIsRefusedNamingTheFieldAndChangesNothing(field: String, value: String)
    async throws
  {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let auditBefore = try test.auditRecords().count
      var request = Simpeg_V1_CreateUserAccountRequest()
      request.username = "operator1"
      switch field {
      case "username": request.username = value
      case "display_name": request.displayName = value
      default: request.initialPassword = value
      }
      let error = await rpcError { try await admin.accounts.createUserAccount(request) }
      #expect(error?.code == .invalidArgument)
      #expect(error?.message.hasPrefix(field) == true)
      #expect((error?.message.count ?? 0) < 300)
      let accounts = try test.daemon.store.read { try Tables.accounts.count(in: $0) }
      #expect(accounts == 1)
      #expect(try test.auditRecords().count == auditBefore)
    }
  }

  @Test func unknownRoleIsRefused() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      var request = Simpeg_V1_CreateUserAccountRequest()
      request.username = "operator1"
      request.roles = [.unspecified]
      let error = await rpcError { try await admin.accounts.createUserAccount(request) }
      #expect(error?.code == .invalidArgument)
      #expect(error?.message.hasPrefix("roles[0]") == true)
    }
  }

  @Test func createUserAccountIsAuditedWithoutTheInitialPassword() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      var request = Simpeg_V1_CreateUserAccountRequest()
      request.username = "operator1"
      request.initialPassword = "chosen-password-1"
      let account = try await admin.accounts.createUserAccount(request).account
      let record = try #require(
        try test.auditRecords().last { $0.method.hasSuffix("AccountService/CreateUserAccount") })
      var redacted = request
      redacted.initialPassword = ""
      let expected = Array(SHA256.hash(data: try redacted.serializedBytes() as [UInt8]))
      #expect(Array(record.requestSha256) == expected)
      #expect(record.targets == ["account:\(account.id)"])
      #expect(record.actor == "admin")
    }
  }

  // MARK: Reading accounts

  @Test func getAccountFindsByIdAndByUsername() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let account = try await test.createOperator("operator1", by: admin)
      var byID = Simpeg_V1_GetAccountRequest()
      byID.account = .byID(account.id)
      var byName = Simpeg_V1_GetAccountRequest()
      byName.account = .byName("OPERATOR1")
      #expect(try await admin.accounts.getAccount(byID) == account)
      #expect(try await admin.accounts.getAccount(byName) == account)
    }
  }

  @Test func getAccountOfNobodyIsNotFoundAndWithoutAReferenceInvalid() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      var missing = Simpeg_V1_GetAccountRequest()
      missing.account = .byID(999)
      let notFound = await rpcError { try await admin.accounts.getAccount(missing) }
      #expect(notFound?.code == .notFound)
      let invalid = await rpcError {
        try await admin.accounts.getAccount(Simpeg_V1_GetAccountRequest())
      }
      #expect(invalid?.code == .invalidArgument)
      #expect(invalid?.message.hasPrefix("account") == true)
    }
  }

  @Test func listAccountsPagesThroughEveryAccount() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      for index in 1...5 { try await test.createOperator("operator\(index)", by: admin) }
      var request = Simpeg_V1_ListAccountsRequest()
      request.page.pageSize = 2
      var names: [String] = []
      var pages = 0
      repeat {
        let response = try await admin.accounts.listAccounts(request)
        #expect(response.accounts.count <= 2)
        names += response.accounts.map(\.username)
        request.page.pageToken = response.page.nextPageToken
        pages += 1
      } while !request.page.pageToken.isEmpty && pages < 10
      #expect(names == ["admin"] + (1...5).map { "operator\($0)" })
    }
  }

  @Test func listAccountsFiltersByKindAndHidesDisabledUnlessAsked() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let disabled = try await test.createOperator("operator1", by: admin)
      try await test.createOperator("operator2", by: admin)
      _ = try await test.createService("absensi", scopes: ["org.read"], by: admin)
      var disable = Simpeg_V1_SetAccountDisabledRequest()
      disable.account = .byID(disabled.id)
      disable.disabled = true
      _ = try await admin.accounts.setAccountDisabled(disable)

      var request = Simpeg_V1_ListAccountsRequest()
      request.kind = .user
      #expect(
        try await admin.accounts.listAccounts(request).accounts.map(\.username) == [
          "admin", "operator2",
        ])
      request.includeDisabled = true
      #expect(try await admin.accounts.listAccounts(request).accounts.count == 3)
      request.kind = .service
      #expect(try await admin.accounts.listAccounts(request).accounts.map(\.username) == ["absensi"])
    }
  }

  @Test func listAccountsRefusesAForeignPageToken() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      var request = Simpeg_V1_ListAccountsRequest()
      request.page.pageToken = "not-a-token"
      let error = await rpcError { try await admin.accounts.listAccounts(request) }
      #expect(error?.code == .invalidArgument)
    }
  }

  @Test func auditorReadsAccountsButChangesNothing() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      try await test.createOperator("inspektur", roles: [.auditor], by: admin)
      let auditor = try await test.login("inspektur", "operator-password-1")
      _ = try await auditor.accounts.listAccounts(Simpeg_V1_ListAccountsRequest())
      let error = await rpcError { try await test.createOperator("operator2", by: auditor) }
      #expect(error?.code == .permissionDenied)
    }
  }

  @Test func plainUserCannotReadAccounts() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      try await test.createOperator("operator1", by: admin)
      let user = try await test.login("operator1", "operator-password-1")
      let error = await rpcError {
        try await user.accounts.listAccounts(Simpeg_V1_ListAccountsRequest())
      }
      #expect(error?.code == .permissionDenied)
    }
  }

  // MARK: Passwords, roles, disabling

  @Test func resetPasswordGivesATemporaryPasswordAndEndsSessions() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let account = try await test.createOperator("operator1", by: admin)
      let old = try await test.login("operator1", "operator-password-1")
      var reset = Simpeg_V1_ResetPasswordRequest()
      reset.account = .byID(account.id)
      let temporary = try await admin.accounts.resetPassword(reset).temporaryPassword
      #expect(temporary.count >= PasswordHasher.minimumLength)
      let stale = await rpcError { try await old.auth.whoAmI(Simpeg_V1_WhoAmIRequest()) }
      #expect(stale?.code == .unauthenticated)
      let oldPassword = await rpcError { try await test.login("operator1", "operator-password-1") }
      #expect(oldPassword?.code == .unauthenticated)
      let session = try await test.login("operator1", temporary)
      #expect(session.account.mustChangePassword)
    }
  }

  @Test func resetPasswordOfAServiceAccountIsRefused() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let service = try await test.createService("absensi", scopes: ["org.read"], by: admin)
      var reset = Simpeg_V1_ResetPasswordRequest()
      reset.account = .byID(service.account.id)
      let error = await rpcError { try await admin.accounts.resetPassword(reset) }
      #expect(error?.code == .failedPrecondition)
    }
  }

  @Test func settingADMINTakesEffectOnTheNextCall() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let account = try await test.createOperator("operator1", by: admin)
      let user = try await test.login("operator1", "operator-password-1")
      let before = await rpcError {
        try await user.accounts.listAccounts(Simpeg_V1_ListAccountsRequest())
      }
      #expect(before?.code == .permissionDenied)
      var roles = Simpeg_V1_SetRolesRequest()
      roles.account = .byID(account.id)
      roles.roles = [.admin]
      #expect(try await admin.accounts.setRoles(roles).roles == [.admin])
      _ = try await user.accounts.listAccounts(Simpeg_V1_ListAccountsRequest())
      roles.roles = []
      _ = try await admin.accounts.setRoles(roles)
      let after = await rpcError {
        try await user.accounts.listAccounts(Simpeg_V1_ListAccountsRequest())
      }
      #expect(after?.code == .permissionDenied)
    }
  }

  @Test func lastEnabledAdminCannotDisableThemselves() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let auditBefore = try test.auditRecords().count
      var disable = Simpeg_V1_SetAccountDisabledRequest()
      disable.account = .byID(admin.account.id)
      disable.disabled = true
      let error = await rpcError { try await admin.accounts.setAccountDisabled(disable) }
      #expect(error?.code == .failedPrecondition)
      #expect(error?.message.hasPrefix("disabled") == true)
      _ = try await admin.auth.whoAmI(Simpeg_V1_WhoAmIRequest())
      #expect(try test.auditRecords().count == auditBefore)
    }
  }

  @Test func adminRoleCannotBeTakenFromTheLastAdmin() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      var roles = Simpeg_V1_SetRolesRequest()
      roles.account = .byName("admin")
      roles.roles = [.auditor]
      let error = await rpcError { try await admin.accounts.setRoles(roles) }
      #expect(error?.code == .failedPrecondition)
      #expect(error?.message.hasPrefix("roles") == true)
      let me = try await admin.auth.whoAmI(Simpeg_V1_WhoAmIRequest())
      #expect(me.account.roles == [.admin])
    }
  }

  @Test func anAdminMayStepDownOnceAnotherAdminIsEnabled() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      try await test.createOperator("kepala.bkpsdm", roles: [.admin], by: admin)
      var roles = Simpeg_V1_SetRolesRequest()
      roles.account = .byName("admin")
      roles.roles = [.auditor]
      #expect(try await admin.accounts.setRoles(roles).roles == [.auditor])
      let error = await rpcError {
        try await admin.accounts.listAccounts(Simpeg_V1_ListAccountsRequest())
      }
      #expect(error == nil)
      let write = await rpcError { try await test.createOperator("operator9", by: admin) }
      #expect(write?.code == .permissionDenied)
    }
  }

  @Test func disabledAdminDoesNotCountAsTheRemainingAdmin() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let other = try await test.createOperator("kepala.bkpsdm", roles: [.admin], by: admin)
      var disable = Simpeg_V1_SetAccountDisabledRequest()
      disable.account = .byID(other.id)
      disable.disabled = true
      disable.reason = "cuti"
      let disabled = try await admin.accounts.setAccountDisabled(disable)
      #expect(disabled.disabledReason == "cuti")
      disable.account = .byID(admin.account.id)
      let error = await rpcError { try await admin.accounts.setAccountDisabled(disable) }
      #expect(error?.code == .failedPrecondition)
    }
  }

  @Test func rolesOnAServiceAccountAreRefused() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let service = try await test.createService("absensi", scopes: ["org.read"], by: admin)
      var roles = Simpeg_V1_SetRolesRequest()
      roles.account = .byID(service.account.id)
      roles.roles = [.admin]
      let error = await rpcError { try await admin.accounts.setRoles(roles) }
      #expect(error?.code == .failedPrecondition)
    }
  }

  @Test func revokeSessionsEndsEverySessionOfTheAccount() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let account = try await test.createOperator("operator1", by: admin)
      let first = try await test.login("operator1", "operator-password-1")
      let second = try await test.login("operator1", "operator-password-1")
      var request = Simpeg_V1_RevokeSessionsRequest()
      request.account = .byID(account.id)
      #expect(try await admin.accounts.revokeSessions(request).revoked == 2)
      for session in [first, second] {
        let error = await rpcError { try await session.auth.whoAmI(Simpeg_V1_WhoAmIRequest()) }
        #expect(error?.code == .unauthenticated)
      }
      _ = try await admin.auth.whoAmI(Simpeg_V1_WhoAmIRequest())
      let record = try #require(try test.auditRecords().last)
      #expect(record.method.hasSuffix("AccountService/RevokeSessions"))
      #expect(record.targets == ["account:\(account.id)", "session:account:\(account.id)"])
    }
  }

  // MARK: Service accounts and API keys

  @Test func serviceAccountScopesAreCheckedAgainstTheDocumentedList() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      var request = Simpeg_V1_CreateServiceAccountRequest()
      request.name = "absensi"
      request.scopes = ["employees.read", "payroll.write"]
      let error = await rpcError { try await admin.accounts.createServiceAccount(request) }
      #expect(error?.code == .invalidArgument)
      #expect(error?.message.hasPrefix("scopes[1]") == true)
      #expect(error?.message.contains("org.read") == true)
      request.scopes = []
      let empty = await rpcError { try await admin.accounts.createServiceAccount(request) }
      #expect(empty?.code == .invalidArgument)
      request.scopes = ["org.read", "employees.read", "org.read"]
      let account = try await admin.accounts.createServiceAccount(request).account
      #expect(account.kind == .service)
      #expect(account.scopes == ["employees.read", "org.read"])
    }
  }

  @Test func everyScopeTheAccessPolicyNamesIsDocumentedAndNoOther() {
    #expect(ServiceScopes.namedByPolicy == Set(ServiceScopes.all.keys))
  }

  @Test func scopesOnAUserAccountAreRefused() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let account = try await test.createOperator("operator1", by: admin)
      var request = Simpeg_V1_SetScopesRequest()
      request.account = .byID(account.id)
      request.scopes = ["org.read"]
      let error = await rpcError { try await admin.accounts.setScopes(request) }
      #expect(error?.code == .failedPrecondition)
      #expect(error?.message.hasPrefix("account") == true)
    }
  }

  @Test func apiKeyForAUserAccountIsRefused() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let account = try await test.createOperator("operator1", by: admin)
      var request = Simpeg_V1_CreateApiKeyRequest()
      request.account = .byID(account.id)
      let error = await rpcError { try await admin.accounts.createApiKey(request) }
      #expect(error?.code == .failedPrecondition)
      let keys = try test.daemon.store.read { try Tables.apiKeys.count(in: $0) }
      #expect(keys == 0)
    }
  }

  @Test func anApiKeySentAsABearerTokenIsRefusedNamingTheApiKeyScheme() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let service = try await test.createService("absensi", scopes: ["org.read"], by: admin)
      let auth = Simpeg_V1_AuthService.Client(wrapping: try test.client(token: service.secret))
      let error = await rpcError { try await auth.whoAmI(Simpeg_V1_WhoAmIRequest()) }
      #expect(error?.code == .unauthenticated)
      #expect(error?.message.contains("'ApiKey <key>'") == true, "\(String(describing: error))")
    }
  }

  @Test func aCallCarryingTwoCredentialsIsRefusedWhicheverComesFirst() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let service = try await test.createService("absensi", scopes: ["org.read"], by: admin)
      var configuration = ClientConfiguration.forTests()
      configuration.defaultMetadata.add("authorization", "ApiKey \(service.secret)")
      configuration.defaultMetadata.add("authorization", "Bearer tidak-berlaku")
      let auth = Simpeg_V1_AuthService.Client(
        wrapping: try TestTransport.client(of: test.daemon, configuration: configuration))
      let error = await rpcError { try await auth.whoAmI(Simpeg_V1_WhoAmIRequest()) }
      #expect(error?.code == .unauthenticated)
      #expect(error?.message.contains("one authorization entry") == true, "\(String(describing: error))")
    }
  }

  @Test func apiKeyIsShownOnceListedByPrefixAndUselessOnceRevoked() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let service = try await test.createService("absensi", scopes: ["org.read"], by: admin)
      #expect(service.secret.hasPrefix("spk_"))
      let auth = Simpeg_V1_AuthService.Client(wrapping: try test.client(apiKey: service.secret))
      _ = try await auth.whoAmI(Simpeg_V1_WhoAmIRequest())

      var list = Simpeg_V1_ListApiKeysRequest()
      list.account = .byID(service.account.id)
      let keys = try await admin.accounts.listApiKeys(list).keys
      #expect(keys.count == 1)
      let key = try #require(keys.first)
      #expect(key.prefix == String(service.secret.prefix(ApiKeys.prefixLength)))
      #expect(key.label == "test")
      #expect(!key.hasRevokedAt)

      var revoke = Simpeg_V1_RevokeApiKeyRequest()
      revoke.keyID = key.id
      #expect(try await admin.accounts.revokeApiKey(revoke).hasRevokedAt)
      let error = await rpcError { try await auth.whoAmI(Simpeg_V1_WhoAmIRequest()) }
      #expect(error?.code == .unauthenticated)
      #expect(try await admin.accounts.listApiKeys(list).keys.isEmpty)
      list.includeRevoked = true
      #expect(try await admin.accounts.listApiKeys(list).keys.map(\.id) == [key.id])
    }
  }

  @Test func apiKeysAreStoredOnlyAsTheDigestOfTheirSecret() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let service = try await test.createService("absensi", scopes: ["org.read"], by: admin)
      let stored = try test.daemon.store.read { try Tables.apiKeys.scan(in: $0).map(\.value) }
      #expect(stored.count == 1)
      #expect(Array(stored[0].secretSha256) == Array(SHA256.hash(data: Data(service.secret.utf8))))
      #expect(!stored[0].prefix.isEmpty && service.secret.count > stored[0].prefix.count)
    }
  }

  @Test func revokingAnUnknownKeyIsNotFound() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      var revoke = Simpeg_V1_RevokeApiKeyRequest()
      revoke.keyID = 42
      let error = await rpcError { try await admin.accounts.revokeApiKey(revoke) }
      #expect(error?.code == .notFound)
      #expect(error?.message.hasPrefix("key_id") == true)
    }
  }

  @Test func serviceAccountCallsWithItsAPIKey() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let service = try await test.createService("absensi", scopes: ["employees.read"], by: admin)
      let client = try test.client(apiKey: service.secret)
      let me = try await Simpeg_V1_AuthService.Client(wrapping: client).whoAmI(
        Simpeg_V1_WhoAmIRequest())
      #expect(me.credential == "apiKey")
      #expect(me.account.username == "absensi")
      #expect(me.account.scopes == ["employees.read"])
      let error = await rpcError {
        try await Simpeg_V1_AccountService.Client(wrapping: client).listAccounts(
          Simpeg_V1_ListAccountsRequest())
      }
      #expect(error?.code == .permissionDenied)
    }
  }

  @Test func serviceAccountIsAdmittedOnlyWhereItsScopesReach() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let service = try await test.createService("absensi", scopes: ["employees.read"], by: admin)
      let access = AccessCheck(store: test.daemon.store, apiKey: service.secret)
      #expect(try await access.admits(Simpeg_V1_EmployeeService.Method.GetEmployee.descriptor))
      #expect(try await access.admits(Simpeg_V1_EmployeeService.Method.SearchEmployees.descriptor))
      let refusal = await rpcError {
        try await access.admits(Simpeg_V1_OrgService.Method.GetUnit.descriptor)
      }
      #expect(refusal?.code == .permissionDenied)
      let write = await rpcError {
        try await access.admits(Simpeg_V1_EmployeeService.Method.CreateEmployee.descriptor)
      }
      #expect(write?.code == .permissionDenied)
    }
  }

  @Test func newScopesTakeEffectOnTheNextCall() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let service = try await test.createService("absensi", scopes: ["employees.read"], by: admin)
      let access = AccessCheck(store: test.daemon.store, apiKey: service.secret)
      var request = Simpeg_V1_SetScopesRequest()
      request.account = .byID(service.account.id)
      request.scopes = ["org.read"]
      #expect(try await admin.accounts.setScopes(request).scopes == ["org.read"])
      #expect(try await access.admits(Simpeg_V1_OrgService.Method.GetUnit.descriptor))
      let refusal = await rpcError {
        try await access.admits(Simpeg_V1_EmployeeService.Method.GetEmployee.descriptor)
      }
      #expect(refusal?.code == .permissionDenied)
    }
  }

  @Test func disabledServiceAccountsKeysAreUseless() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let service = try await test.createService("absensi", scopes: ["org.read"], by: admin)
      var disable = Simpeg_V1_SetAccountDisabledRequest()
      disable.account = .byName("absensi")
      disable.disabled = true
      _ = try await admin.accounts.setAccountDisabled(disable)
      let auth = Simpeg_V1_AuthService.Client(wrapping: try test.client(apiKey: service.secret))
      let error = await rpcError { try await auth.whoAmI(Simpeg_V1_WhoAmIRequest()) }
      #expect(error?.code == .unauthenticated)
    }
  }

  @Test func accountChangesAreAuditedWithTheirTargets() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let service = try await test.createService("absensi", scopes: ["org.read"], by: admin)
      let records = try test.auditRecords()
      let create = try #require(records.last { $0.method.hasSuffix("CreateServiceAccount") })
      #expect(create.targets == ["account:\(service.account.id)"])
      let key = try #require(records.last { $0.method.hasSuffix("CreateApiKey") })
      #expect(key.targets.count == 2)
      #expect(key.targets.first?.hasPrefix("apikey:") == true)
      #expect(key.targets.last == "account:\(service.account.id)")
      #expect(key.actor == "admin")
    }
  }
}

/// Runs the real access interceptor for a call of `method` made with an API key, without a
/// handler: the services behind the scopes are served by other handlers.
struct AccessCheck {
  let store: Store
  let apiKey: String

  /// True when the interceptor lets the call through; throws its refusal otherwise.
  func admits(_ method: MethodDescriptor) async throws -> Bool {
    let interceptor = AccessInterceptor(
      authenticator: Authenticator(store: ReadOnlyStore(store), clock: TestToday.clock))
    var metadata = Metadata()
    metadata.add("authorization", "ApiKey \(apiKey)")
    let context = ServerContext(
      method: method, metadata: metadata, peer: "127.0.0.1:1", deadline: nil, callID: 1)
    let reached = ReachedFlag()
    try await interceptor.intercept(context: context) { _ in reached.set() }
    return reached.value
  }
}

/// Whether a closure ran.
final class ReachedFlag: Sendable {
  private let flag = NIOLockedValueBox(false)
  func set() { flag.withLockedValue { $0 = true } }
  var value: Bool { flag.withLockedValue { $0 } }
}
