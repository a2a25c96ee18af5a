import Foundation
import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore
import SwiftProtobuf

/// `simpeg.v1.AccountService`: accounts of people (tied to an employee by NIP, or operators
/// with a plain username) and of internal apps (service accounts with scopes and API keys).
///
/// Who may call what is in ``AccessPolicy`` (ADMIN; AUDITOR reads). Every change is audited in
/// its own transaction (targets `account:<id>`, `apikey:<id>`, `session:account:<id>`), and a
/// request that changes nothing writes nothing. Passwords are hashed before the write, on the
/// hasher's threads; generated passwords and API key secrets appear only in the response.
struct AccountServiceHandler: Simpeg_V1_AccountService.Handler {
  let core: ServerCore

  /// Items per page of ListAccounts when the request says 0.
  static let defaultPageSize = 50
  /// The most items a page of ListAccounts holds, whatever the request asks.
  static let maximumPageSize = 1000

  // MARK: Creating accounts

  func createUserAccount(request: Simpeg_V1_CreateUserAccountRequest, context: ServerContext)
    async throws -> Simpeg_V1_CreateAccountResponse
  {
    let name = try NewUserName(nip: request.nip, username: request.username)
    let roles = try AccountInput.roles(request.roles)
    let displayName = try AccountInput.text(
      request.displayName, field: "display_name", maximum: AccountInput.displayNameMaximum)
    let generated = request.initialPassword.isEmpty
    let password = generated ? Credentials.newPassword() : request.initialPassword
    if !generated { try PasswordRules.checkNew(password, field: "initial_password") }
    // Refuse an unknown NIP or a taken name before spending a hash on it.
    _ = try core.store.read { try name.resolve(in: $0) }
    let hash = try await core.passwords.hash(password)
    let entry = try CredentialAudit.createUserAccount(request, context: context)
    let account = try await core.ledger.record(entry) { mutation in
      let (username, employee) = try name.resolve(in: mutation.transaction)
      return try AccountCreation.user(
        username, employee: employee, roles: roles, displayName: displayName, passwordHash: hash, in: mutation
      )
    }
    var response = Simpeg_V1_CreateAccountResponse()
    response.account = account
    if generated { response.initialPassword = password }
    return response
  }

  func createServiceAccount(
    request: Simpeg_V1_CreateServiceAccountRequest, context: ServerContext
  ) async throws -> Simpeg_V1_CreateAccountResponse {
    let name = try AccountInput.username(request.name, field: "name")
    let scopes = try ServiceScopes.validated(request.scopes)
    let displayName = try AccountInput.text(
      request.displayName, field: "display_name", maximum: AccountInput.displayNameMaximum)
    let entry = try AuditEntry(context: context, request: request)
    let account = try await core.ledger.record(entry) { mutation in
      try Self.requireFree(name, field: "name", in: mutation.transaction)
      return try AccountCreation.service(name, scopes: scopes, displayName: displayName, in: mutation)
    }
    var response = Simpeg_V1_CreateAccountResponse()
    response.account = account
    return response
  }

  // MARK: Reading accounts

  func getAccount(request: Simpeg_V1_GetAccountRequest, context: ServerContext) async throws
    -> Simpeg_V1_Account
  {
    try core.store.read { try AccountLookup.find(request.account, in: $0).account }
  }

  func listAccounts(request: Simpeg_V1_ListAccountsRequest, context: ServerContext) async throws
    -> Simpeg_V1_ListAccountsResponse
  {
    switch request.kind {
    case .unspecified, .user, .service: break
    case .UNRECOGNIZED(let code):
      throw RPCError(
        .invalidArgument, "kind: \(code) is not an account kind; use USER, SERVICE or leave it unset")
    }
    let size = Int(request.page.pageSize)
    let pageSize = size == 0 ? Self.defaultPageSize : min(size, Self.maximumPageSize)
    var token = request.page.pageToken.isEmpty ? nil : PageToken(request.page.pageToken)
    let wanted = { (account: Simpeg_V1_Account) -> Bool in
      (request.kind == .unspecified || account.kind == request.kind)
        && (request.includeDisabled || !account.disabled)
    }
    return try core.store.read { transaction in
      // Each store page asks for no more than what is still missing, so its token resumes
      // exactly after the last account returned.
      var response = Simpeg_V1_ListAccountsResponse()
      repeat {
        let page = try Tables.accounts.page(
          in: transaction, limit: pageSize - response.accounts.count, after: token)
        response.accounts += page.rows.map(\.value.account).filter(wanted)
        token = page.nextPageToken
      } while token != nil && response.accounts.count < pageSize
      response.page.nextPageToken = token?.string ?? ""
      return response
    }
  }

  // MARK: Changing accounts

  func setAccountDisabled(request: Simpeg_V1_SetAccountDisabledRequest, context: ServerContext)
    async throws -> Simpeg_V1_Account
  {
    let reason = try AccountInput.text(
      request.reason, field: "reason", maximum: AccountInput.reasonMaximum)
    let entry = try AuditEntry(context: context, request: request)
    let disable = request.disabled
    return try await core.ledger.record(entry) { mutation in
      let transaction = mutation.transaction
      let record = try AccountLookup.find(request.account, in: transaction)
      var updated = record
      updated.account.disabled = disable
      updated.account.disabledReason = disable ? reason : ""
      guard updated != record else {
        mutation.leaveUnchanged()
        return record.account
      }
      try LastAdminRule.check(
        replacing: record.account, with: updated.account, change: "disabled: disabling",
        in: transaction)
      let id = record.account.id
      try Tables.accounts.put(updated, for: id, in: transaction)
      var targets = ["account:\(id)"]
      if disable {
        // Sessions are useless while the account is disabled (the authenticator checks);
        // ending them means enabling it again does not bring old tokens back.
        try Sessions.endAll(of: id, in: transaction)
        targets.append("session:account:\(id)")
      }
      mutation.audit(targets: targets)
      return updated.account
    }
  }

  func resetPassword(request: Simpeg_V1_ResetPasswordRequest, context: ServerContext)
    async throws -> Simpeg_V1_ResetPasswordResponse
  {
    // Refuse an unknown account or a service before spending a hash on it.
    try core.store.read { try Self.requireUser(AccountLookup.find(request.account, in: $0)) }
    let password = Credentials.newPassword()
    let hash = try await core.passwords.hash(password)
    let entry = try AuditEntry(context: context, request: request)
    let account = try await core.ledger.record(entry) { mutation in
      let transaction = mutation.transaction
      var record = try AccountLookup.find(request.account, in: transaction)
      try Self.requireUser(record)
      record.password = hash
      record.account.mustChangePassword = true
      let id = record.account.id
      try Tables.accounts.put(record, for: id, in: transaction)
      try Sessions.endAll(of: id, in: transaction)
      mutation.audit(targets: ["account:\(id)", "session:account:\(id)"])
      return record.account
    }
    // The person was likely locked out: their failed attempts no longer count.
    core.loginLimiter.forget(username: account.username)
    var response = Simpeg_V1_ResetPasswordResponse()
    response.temporaryPassword = password
    return response
  }

  func setRoles(request: Simpeg_V1_SetRolesRequest, context: ServerContext) async throws
    -> Simpeg_V1_Account
  {
    let roles = try AccountInput.roles(request.roles)
    let entry = try AuditEntry(context: context, request: request)
    return try await core.ledger.record(entry) { mutation in
      let transaction = mutation.transaction
      let record = try AccountLookup.find(request.account, in: transaction)
      guard record.account.kind == .user else {
        throw RPCError(
          .failedPrecondition,
          "account: \(AccountInput.quoted(record.account.username)) is a service account; roles "
            + "are for user accounts, a service's access is its scopes (SetScopes)")
      }
      var updated = record
      updated.account.roles = roles
      guard updated != record else {
        mutation.leaveUnchanged()
        return record.account
      }
      try LastAdminRule.check(
        replacing: record.account, with: updated.account, change: "roles: removing ADMIN from",
        in: transaction)
      try Tables.accounts.put(updated, for: record.account.id, in: transaction)
      mutation.audit(targets: ["account:\(record.account.id)"])
      return updated.account
    }
  }

  func setScopes(request: Simpeg_V1_SetScopesRequest, context: ServerContext) async throws
    -> Simpeg_V1_Account
  {
    let scopes = try ServiceScopes.validated(request.scopes)
    let entry = try AuditEntry(context: context, request: request)
    return try await core.ledger.record(entry) { mutation in
      let transaction = mutation.transaction
      let record = try AccountLookup.find(request.account, in: transaction)
      try Self.requireService(record, for: "scopes are")
      var updated = record
      updated.account.scopes = scopes
      guard updated != record else {
        mutation.leaveUnchanged()
        return record.account
      }
      try Tables.accounts.put(updated, for: record.account.id, in: transaction)
      mutation.audit(targets: ["account:\(record.account.id)"])
      return updated.account
    }
  }

  // MARK: API keys and sessions

  func createApiKey(request: Simpeg_V1_CreateApiKeyRequest, context: ServerContext) async throws
    -> Simpeg_V1_CreateApiKeyResponse
  {
    let label = try AccountInput.text(
      request.label, field: "label", maximum: AccountInput.labelMaximum)
    let secret = Credentials.newAPIKey()
    let entry = try AuditEntry(context: context, request: request)
    let key = try await core.ledger.record(entry) { mutation in
      let transaction = mutation.transaction
      let now = mutation.moment.instant
      let account = try AccountLookup.find(request.account, in: transaction)
      try Self.requireService(account, for: "API keys are")
      let id = try Tables.nextID("apikey", in: transaction)
      let record = ApiKeys.record(
        id: id, accountID: account.account.id, secret: secret, label: label, now: now)
      try Tables.apiKeys.insert(record, for: id, in: transaction)
      mutation.audit(targets: ["apikey:\(id)", "account:\(account.account.id)"])
      return Simpeg_V1_ApiKey(record)
    }
    var response = Simpeg_V1_CreateApiKeyResponse()
    response.key = key
    response.secret = secret
    return response
  }

  func listApiKeys(request: Simpeg_V1_ListApiKeysRequest, context: ServerContext) async throws
    -> Simpeg_V1_ListApiKeysResponse
  {
    try core.store.read { transaction in
      let account = try AccountLookup.find(request.account, in: transaction)
      let page = try Paging.page(request.page) { limit, after in
        try Tables.apiKeys.page(
          Tables.apiKeysByAccount, prefix: KeyPrefix(account.account.id), in: transaction, limit: limit,
          after: after)
      } accept: {
        request.includeRevoked || !$0.hasRevokedAt
      }
      var response = Simpeg_V1_ListApiKeysResponse()
      response.keys = page.values.map(Simpeg_V1_ApiKey.init)
      response.page = page.info
      return response
    }
  }

  func revokeApiKey(request: Simpeg_V1_RevokeApiKeyRequest, context: ServerContext) async throws
    -> Simpeg_V1_ApiKey
  {
    guard request.keyID != 0 else {
      throw RPCError(.invalidArgument, "key_id: is required")
    }
    let entry = try AuditEntry(context: context, request: request)
    return try await core.ledger.record(entry) { mutation in
      let transaction = mutation.transaction
      let now = mutation.moment.instant
      guard var record = try Tables.apiKeys.get(request.keyID, in: transaction) else {
        throw RPCError(.notFound, "key_id: no API key has id \(request.keyID)")
      }
      guard !record.hasRevokedAt else {
        mutation.leaveUnchanged()
        return Simpeg_V1_ApiKey(record)
      }
      record.revokedAt = Google_Protobuf_Timestamp(date: now)
      try Tables.apiKeys.put(record, for: record.id, in: transaction)
      mutation.audit(targets: ["apikey:\(record.id)", "account:\(record.accountID)"])
      return Simpeg_V1_ApiKey(record)
    }
  }

  func revokeSessions(request: Simpeg_V1_RevokeSessionsRequest, context: ServerContext)
    async throws -> Simpeg_V1_RevokeSessionsResponse
  {
    let entry = try AuditEntry(context: context, request: request)
    let ended = try await core.ledger.record(entry) { mutation in
      let transaction = mutation.transaction
      let id = try AccountLookup.find(request.account, in: transaction).account.id
      let ended = try Sessions.endAll(of: id, in: transaction)
      mutation.audit(targets: ["account:\(id)", "session:account:\(id)"])
      return ended
    }
    var response = Simpeg_V1_RevokeSessionsResponse()
    response.revoked = UInt32(clamping: ended)
    return response
  }

  // MARK: Checks

  /// Refuses a service account where only a person's account makes sense.
  private static func requireUser(_ record: Simpeg_Internal_V1_AccountRecord) throws {
    guard record.account.kind == .user else {
      throw RPCError(
        .failedPrecondition,
        "account: \(AccountInput.quoted(record.account.username)) is a service account; it has "
          + "API keys, not a password")
    }
  }

  /// Refuses a user account where only a service account makes sense; `what` completes "...
  /// for service accounts", e.g. "API keys are".
  private static func requireService(_ record: Simpeg_Internal_V1_AccountRecord, for what: String)
    throws
  {
    guard record.account.kind == .service else {
      throw RPCError(
        .failedPrecondition,
        "account: \(AccountInput.quoted(record.account.username)) is a user account; \(what) for "
          + "service accounts")
    }
  }

  /// Refuses a username that an account already has.
  static func requireFree(_ username: String, field: String, in transaction: ReadTransaction)
    throws
  {
    if let taken = try Tables.accounts.findUnique(
      Tables.accountsByUsername, username, in: transaction)
    {
      throw RPCError(
        .alreadyExists,
        "\(field): \(AccountInput.quoted(username)) is already the username of account "
          + "\(taken.key)")
    }
  }

  /// An employee's name with titles, e.g. `Dr. Sri Wahyuni, S.E., M.M.`.
  static func fullName(_ employee: Simpeg_Internal_V1_EmployeeRecord) -> String {
    let front = employee.gelarDepan.isEmpty ? "" : employee.gelarDepan + " "
    let back = employee.gelarBelakang.isEmpty ? "" : ", " + employee.gelarBelakang
    return front + employee.name + back
  }
}
