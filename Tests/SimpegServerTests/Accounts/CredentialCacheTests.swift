import Foundation
import SimpegAPI
import SimpegRPC
import SimpegStore
import Testing

@testable import SimpegServer

/// The rules of the credential cache on their own: what a lookup answers, what an insert keeps,
/// what each change drops.
@Suite struct CredentialCacheStateTests {
  static let now = Date(timeIntervalSince1970: 1_800_000_000)
  static let later = now.addingTimeInterval(3_600)

  static func principal(account: UInt64, employee: UInt64 = 0, apiKey: UInt64? = nil) -> Principal {
    Principal(
      accountID: account, username: "user\(account)", kind: apiKey == nil ? .user : .service, roles: [],
      scopes: [], employeeID: employee, positionIDs: [],
      credential: apiKey.map { .apiKey(id: $0) } ?? .session(tokenSHA256: [UInt8(account)]))
  }

  static func change(_ table: String, _ key: [UInt8], sequence: UInt64) -> ChangeRecord {
    ChangeRecord(sequence: sequence, table: table, operation: .put, key: key)
  }

  @Test func aPrincipalKeptAtTheCurrentSequenceIsAHitUntilItExpires() {
    var state = CredentialCacheState(appliedSequence: 5)
    state.insert(Self.principal(account: 1), for: .session([1]), expiresAt: Self.later, validAsOf: 5)
    #expect(state.lookup(.session([1]), now: Self.now, committed: 5) == .hit(Self.principal(account: 1)))
    #expect(state.lookup(.session([1]), now: Self.later, committed: 5) == .miss)
    #expect(state.entries.isEmpty)
  }

  @Test func aCommitSendsOneCallerToCatchUpAndTheOthersToTheStore() {
    var state = CredentialCacheState(appliedSequence: 5)
    state.insert(Self.principal(account: 1), for: .session([1]), expiresAt: Self.later, validAsOf: 5)
    #expect(state.lookup(.session([1]), now: Self.now, committed: 6) == .catchUp(after: 5))
    #expect(state.lookup(.session([1]), now: Self.now, committed: 6) == .bypass)
    state.apply([], through: 6)
    #expect(state.lookup(.session([1]), now: Self.now, committed: 6) == .hit(Self.principal(account: 1)))
  }

  @Test func aPrincipalReadBeforeChangesAlreadyAppliedIsNotKept() {
    var state = CredentialCacheState(appliedSequence: 5)
    state.apply([], through: 7)
    state.insert(Self.principal(account: 1), for: .session([1]), expiresAt: Self.later, validAsOf: 6)
    #expect(state.lookup(.session([1]), now: Self.now, committed: 7) == .miss)
  }

  @Test func aPrincipalKeptWhileACatchUpRunsIsDroppedByTheChangesItApplies() {
    var state = CredentialCacheState(appliedSequence: 5)
    #expect(state.lookup(.session([1]), now: Self.now, committed: 6) == .catchUp(after: 5))
    state.insert(Self.principal(account: 1), for: .session([1]), expiresAt: Self.later, validAsOf: 5)
    state.apply([Self.change(Tables.sessions.name, [1], sequence: 6)], through: 6)
    #expect(state.lookup(.session([1]), now: Self.now, committed: 6) == .miss)
  }

  @Test func aSessionChangeDropsThatSessionOnly() {
    var state = CredentialCacheState(appliedSequence: 0)
    state.insert(Self.principal(account: 1), for: .session([1]), expiresAt: Self.later, validAsOf: 0)
    state.insert(Self.principal(account: 1), for: .session([2]), expiresAt: Self.later, validAsOf: 0)
    state.apply([Self.change(Tables.sessions.name, [1], sequence: 1)], through: 1)
    #expect(Set(state.entries.keys) == [.session([2])])
  }

  @Test func anAccountChangeDropsEveryCredentialOfTheAccount() {
    var state = CredentialCacheState(appliedSequence: 0)
    state.insert(Self.principal(account: 1), for: .session([1]), expiresAt: Self.later, validAsOf: 0)
    state.insert(Self.principal(account: 1), for: .session([2]), expiresAt: Self.later, validAsOf: 0)
    state.insert(Self.principal(account: 2), for: .session([3]), expiresAt: Self.later, validAsOf: 0)
    state.apply([Self.change(Tables.accounts.name, UInt64(1).encodedKey, sequence: 1)], through: 1)
    #expect(Set(state.entries.keys) == [.session([3])])
  }

  @Test func anApiKeyChangeDropsThatKeyOnly() {
    var state = CredentialCacheState(appliedSequence: 0)
    state.insert(
      Self.principal(account: 1, apiKey: 7), for: .apiKey([7]), expiresAt: .distantFuture, validAsOf: 0)
    state.insert(
      Self.principal(account: 1, apiKey: 8), for: .apiKey([8]), expiresAt: .distantFuture, validAsOf: 0)
    state.apply([Self.change(Tables.apiKeys.name, UInt64(7).encodedKey, sequence: 1)], through: 1)
    #expect(Set(state.entries.keys) == [.apiKey([8])])
  }

  @Test func aPositionChangeDropsThePrincipalOfEveryEmployee() {
    var state = CredentialCacheState(appliedSequence: 0)
    state.insert(
      Self.principal(account: 1, employee: 11), for: .session([1]), expiresAt: Self.later, validAsOf: 0)
    state.insert(Self.principal(account: 2), for: .session([2]), expiresAt: Self.later, validAsOf: 0)
    state.apply([Self.change(Tables.positions.name, UInt64(40).encodedKey, sequence: 1)], through: 1)
    #expect(Set(state.entries.keys) == [.session([2])])
  }

  @Test func changesToOtherTablesDropNothing() {
    var state = CredentialCacheState(appliedSequence: 0)
    state.insert(
      Self.principal(account: 1, employee: 11), for: .session([1]), expiresAt: Self.later, validAsOf: 0)
    state.apply([Self.change(Tables.employees.name, UInt64(11).encodedKey, sequence: 1)], through: 1)
    #expect(state.entries.count == 1)
  }

  @Test func resetDropsEverythingAndContinuesFromTheGivenSequence() {
    var state = CredentialCacheState(appliedSequence: 0)
    state.insert(Self.principal(account: 1), for: .session([1]), expiresAt: Self.later, validAsOf: 0)
    #expect(state.lookup(.session([1]), now: Self.now, committed: 90_000) == .catchUp(after: 0))
    state.reset(through: 90_000)
    #expect(state.entries.isEmpty)
    #expect(state.lookup(.session([1]), now: Self.now, committed: 90_000) == .miss)
  }

  @Test func aFullCacheStartsOverRatherThanGrowing() {
    var state = CredentialCacheState(appliedSequence: 0, capacity: 2)
    for index in 1...3 {
      state.insert(
        Self.principal(account: UInt64(index)), for: .session([UInt8(index)]), expiresAt: Self.later,
        validAsOf: 0)
    }
    #expect(Set(state.entries.keys) == [.session([3])])
  }
}

/// The cache inside the daemon: a repeated credential is answered from it, and every way a
/// session, an account, a key or a position changes reaches a principal it holds at once.
@Suite struct CredentialCacheDaemonTests {
  /// Calls WhoAmI twice and checks the second was answered from the cache, so that what a test
  /// then changes has to reach a cached principal.
  static func cache(_ auth: Simpeg_V1_AuthService.Client, in test: TestDaemon) async throws {
    _ = try await auth.whoAmI(Simpeg_V1_WhoAmIRequest())
    let hits = test.daemon.authenticator.cache.hits
    _ = try await auth.whoAmI(Simpeg_V1_WhoAmIRequest())
    #expect(test.daemon.authenticator.cache.hits == hits + 1)
  }

  /// The administrator, and an operator account whose session the cache holds.
  static func cachedOperator(_ test: TestDaemon, roles: [Simpeg_V1_Role] = []) async throws
    -> (admin: TestSession, account: Simpeg_V1_Account, session: TestSession)
  {
    let admin = try await test.loginAdmin()
    let account = try await test.createOperator("operator1", roles: roles, by: admin)
    let session = try await test.login("operator1", "operator-password-1")
    try await cache(session.auth, in: test)
    return (admin, account, session)
  }

  /// The refusal a call with `session` gets now, if any.
  static func refusal(_ session: TestSession) async -> StatusCode? {
    await rpcError { try await session.auth.whoAmI(Simpeg_V1_WhoAmIRequest()) }?.code
  }

  @Test func aRepeatedSessionIsAnsweredFromTheCache() async throws {
    try await withTestDaemon { test in
      try await Self.cache(try await test.loginAdmin().auth, in: test)
    }
  }

  @Test func logoutEndsACachedSessionAtOnce() async throws {
    try await withTestDaemon { test in
      let (_, _, session) = try await Self.cachedOperator(test)
      _ = try await session.auth.logout(Simpeg_V1_LogoutRequest())
      #expect(await Self.refusal(session) == .unauthenticated)
    }
  }

  @Test func revokeSessionsEndsCachedSessionsAtOnce() async throws {
    try await withTestDaemon { test in
      let (admin, account, session) = try await Self.cachedOperator(test)
      var request = Simpeg_V1_RevokeSessionsRequest()
      request.account = .byID(account.id)
      _ = try await admin.accounts.revokeSessions(request)
      #expect(await Self.refusal(session) == .unauthenticated)
    }
  }

  @Test func changePasswordEndsTheOtherCachedSessionsAtOnce() async throws {
    try await withTestDaemon { test in
      let (_, _, other) = try await Self.cachedOperator(test)
      let current = try await test.login("operator1", "operator-password-1")
      var change = Simpeg_V1_ChangePasswordRequest()
      change.oldPassword = "operator-password-1"
      change.newPassword = "a new and long password"
      _ = try await current.auth.changePassword(change)
      #expect(await Self.refusal(other) == .unauthenticated)
      #expect(await Self.refusal(current) == nil)
    }
  }

  @Test func resetPasswordEndsCachedSessionsAtOnce() async throws {
    try await withTestDaemon { test in
      let (admin, account, session) = try await Self.cachedOperator(test)
      var reset = Simpeg_V1_ResetPasswordRequest()
      reset.account = .byID(account.id)
      _ = try await admin.accounts.resetPassword(reset)
      #expect(await Self.refusal(session) == .unauthenticated)
    }
  }

  @Test func disablingAnAccountRefusesItsCachedSessionAtOnce() async throws {
    try await withTestDaemon { test in
      let (admin, account, session) = try await Self.cachedOperator(test)
      var disable = Simpeg_V1_SetAccountDisabledRequest()
      disable.account = .byID(account.id)
      disable.disabled = true
      _ = try await admin.accounts.setAccountDisabled(disable)
      #expect(await Self.refusal(session) == .unauthenticated)
    }
  }

  @Test func takingARoleAwayReachesACachedSessionAtOnce() async throws {
    try await withTestDaemon { test in
      let (admin, account, session) = try await Self.cachedOperator(test, roles: [.admin])
      _ = try await session.accounts.listAccounts(Simpeg_V1_ListAccountsRequest())
      var roles = Simpeg_V1_SetRolesRequest()
      roles.account = .byID(account.id)
      roles.roles = []
      _ = try await admin.accounts.setRoles(roles)
      let error = await rpcError { try await session.accounts.listAccounts(Simpeg_V1_ListAccountsRequest()) }
      #expect(error?.code == .permissionDenied)
    }
  }

  @Test func revokingACachedApiKeyRefusesItAtOnce() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let service = try await test.createService("absensi", scopes: ["org.read"], by: admin)
      let auth = Simpeg_V1_AuthService.Client(wrapping: try test.client(apiKey: service.secret))
      try await Self.cache(auth, in: test)
      var list = Simpeg_V1_ListApiKeysRequest()
      list.account = .byID(service.account.id)
      var revoke = Simpeg_V1_RevokeApiKeyRequest()
      revoke.keyID = try #require(try await admin.accounts.listApiKeys(list).keys.first).id
      _ = try await admin.accounts.revokeApiKey(revoke)
      let error = await rpcError { try await auth.whoAmI(Simpeg_V1_WhoAmIRequest()) }
      #expect(error?.code == .unauthenticated)
    }
  }

  @Test func aPositionChangedByAnyWriteReachesACachedPrincipalAtOnce() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let employee = try await test.insertEmployee(nip: "198609262015051001")
      let positionID = try await test.daemon.store.write { transaction in
        var position = Simpeg_Internal_V1_PositionRecord()
        position.id = try Tables.nextID("position", in: transaction)
        position.title = "Kepala Seksi"
        position.holderEmployeeID = employee.id
        try Tables.positions.insert(position, for: position.id, in: transaction)
        return position.id
      }
      var create = Simpeg_V1_CreateUserAccountRequest()
      create.nip = employee.nip
      create.initialPassword = "employee-password-1"
      _ = try await admin.accounts.createUserAccount(create)
      let session = try await test.login(employee.nip, "employee-password-1")
      try await Self.cache(session.auth, in: test)
      #expect(try await session.auth.whoAmI(Simpeg_V1_WhoAmIRequest()).positionIds == [positionID])
      try await test.daemon.store.write { transaction in
        var position = try #require(try Tables.positions.get(positionID, in: transaction))
        position.holderEmployeeID = 0
        try Tables.positions.put(position, for: positionID, in: transaction)
      }
      #expect(try await session.auth.whoAmI(Simpeg_V1_WhoAmIRequest()).positionIds.isEmpty)
    }
  }

  @Test func aCachedSessionIsRefusedOnceItExpires() async throws {
    try await withTestDaemon(configure: { $0.sessionLifetime = .seconds(3_600) }) { test in
      let session = try await test.loginAdmin()
      let authenticator = Authenticator(store: ReadOnlyStore(test.daemon.store), clock: TestToday.clock)
      var metadata = Metadata()
      metadata.add("authorization", "Bearer \(session.token)")
      let now = TestToday.clock.now().instant
      _ = try authenticator.authenticate(metadata: metadata, now: now)
      _ = try authenticator.authenticate(metadata: metadata, now: now)
      #expect(authenticator.cache.hits == 1)
      let error = #expect(throws: RPCError.self) {
        try authenticator.authenticate(metadata: metadata, now: now.addingTimeInterval(3_601))
      }
      #expect(error?.code == .unauthenticated)
      #expect(error?.message.contains("expired") == true)
    }
  }
}
