import Foundation
import Logging
import SimpegAPI
import SimpegRPC
import SimpegStore
import SwiftProtobuf

/// `simpeg.v1.AuthService`: logging in and out, who the caller is, changing one's password.
///
/// Login checks the throttle first (``LoginRateLimiter``: per account and host, per host, per
/// account from all hosts, where the host is the client's, as a trusted forwarder such as
/// simpeg-web names it; the attempt counts as failed until it succeeds), then the password with scrypt on the hasher's own threads; an unknown username spends the
/// same verification time as a wrong password and gets the same refusal. A successful login
/// stores only the SHA-256 of a fresh 256-bit token, sweeps expired sessions (see
/// ``Sessions``) and is audited with the account as actor; failed logins are logged, not
/// audited. No password, token or key is ever logged or put in a message.
struct AuthServiceHandler: Simpeg_V1_AuthService.Handler {
  let core: ServerCore

  func login(request: Simpeg_V1_LoginRequest, context: ServerContext) async throws
    -> Simpeg_V1_LoginResponse
  {
    let username = try AccountInput.lookupName(request.username, field: "username")
    try PasswordRules.checkSize(request.password, field: "password")
    let moment = core.clock.now()
    let limiter = core.loginLimiter
    let attempt: LoginRateLimiter.Attempt
    switch limiter.admit(username: username, host: context.clientHost, now: moment.instant) {
    case .admitted(let admitted): attempt = admitted
    case .throttled(let wait):
      logRefusal("login refused", reason: "throttled", account: nil, context: context)
      throw LoginRefusal.throttled(retryAfter: wait)
    case .busy:
      logRefusal("login refused", reason: "too many in progress", account: nil, context: context)
      throw LoginRefusal.busy
    }
    defer { limiter.finished(attempt) }
    let found = try core.store.read { transaction in
      try Tables.accounts.findUnique(Tables.accountsByUsername, username, in: transaction)?.value
    }
    let verified: Bool
    if let found, found.account.kind == .user, found.hasPassword {
      verified = try await core.passwords.verify(request.password, against: found.password)
    } else {
      await core.passwords.spendVerificationTime()
      verified = false
    }
    guard let found, verified else {
      logRefusal(
        "login refused", reason: found == nil ? "unknown username" : "wrong password",
        account: found?.account, context: context)
      throw LoginRefusal.wrongCredentials
    }
    guard !found.account.disabled else {
      logRefusal(
        "login refused", reason: "disabled account", account: found.account, context: context)
      throw LoginRefusal.disabled
    }
    limiter.succeeded(attempt)

    let token = Credentials.newToken()
    let digest = Credentials.digest(token)
    let now = moment.instant
    let expiresAt = now.addingTimeInterval(core.configuration.sessionLifetime.timeInterval)
    let entry = CredentialAudit.login(of: found.account, username: username, context: context)
    let peer = context.peer
    let account = try await core.ledger.record(entry, at: moment) { mutation in
      let transaction = mutation.transaction
      guard let current = try Tables.accounts.get(found.account.id, in: transaction),
        current.password == found.password
      else {
        throw RPCError(.aborted, "the account changed while logging in; log in again")
      }
      guard !current.account.disabled else { throw LoginRefusal.disabled }
      try Sessions.open(
        tokenSHA256: digest, accountID: current.account.id, peer: peer, now: now,
        expiresAt: expiresAt, in: transaction)
      try Sessions.sweepExpired(now: now, in: transaction)
      mutation.audit(targets: ["account:\(current.account.id)", "session:account:\(current.account.id)"])
      return current.account
    }
    core.logger.info(
      "logged in",
      metadata: [
        "account": "\(account.id)", "username": "\(account.username)", "peer": "\(context.peer)",
        "must-change-password": "\(account.mustChangePassword)",
      ])
    var response = Simpeg_V1_LoginResponse()
    response.token = token
    response.expiresAt = Google_Protobuf_Timestamp(date: expiresAt)
    response.account = account
    return response
  }

  func logout(request: Simpeg_V1_LogoutRequest, context: ServerContext) async throws
    -> Simpeg_V1_LogoutResponse
  {
    let principal = try context.principal()
    guard case .session(let digest) = principal.credential else {
      throw RPCError(
        .failedPrecondition,
        "an API key has no session to end; an administrator revokes keys with "
          + "AccountService/RevokeApiKey")
    }
    let entry = try AuditEntry(context: context, request: request)
    try await core.ledger.record(entry) { mutation in
      let transaction = mutation.transaction
      try Sessions.end(tokenSHA256: digest, in: transaction)
      mutation.audit(targets: ["session:account:\(principal.accountID)"])
    }
    return Simpeg_V1_LogoutResponse()
  }

  func whoAmI(request: Simpeg_V1_WhoAmIRequest, context: ServerContext) async throws
    -> Simpeg_V1_WhoAmIResponse
  {
    let principal = try context.principal()
    let record = try core.store.read { try Tables.accounts.get(principal.accountID, in: $0) }
    guard let record else {
      throw RPCError(.unauthenticated, "the account of this credential no longer exists")
    }
    var response = Simpeg_V1_WhoAmIResponse()
    response.account = record.account
    switch principal.credential {
    case .session: response.credential = "session"
    case .apiKey: response.credential = "apiKey"
    }
    response.positionIds = principal.positionIDs
    return response
  }

  func changePassword(request: Simpeg_V1_ChangePasswordRequest, context: ServerContext)
    async throws -> Simpeg_V1_ChangePasswordResponse
  {
    let principal = try context.principal()
    try PasswordRules.checkSize(request.oldPassword, field: "old_password")
    try PasswordRules.checkNew(request.newPassword, field: "new_password")
    guard request.newPassword != request.oldPassword else {
      throw RPCError(.invalidArgument, "new_password: must differ from the old password")
    }
    let moment = core.clock.now()
    let limiter = core.loginLimiter
    let attempt: LoginRateLimiter.Attempt
    switch limiter.admit(username: principal.username, host: context.clientHost, now: moment.instant) {
    case .admitted(let admitted): attempt = admitted
    case .throttled(let wait): throw LoginRefusal.throttled(retryAfter: wait)
    case .busy: throw LoginRefusal.busy
    }
    defer { limiter.finished(attempt) }
    let record = try core.store.read { try Tables.accounts.get(principal.accountID, in: $0) }
    guard let record, record.hasPassword else {
      throw RPCError(.failedPrecondition, "this account has no password to change")
    }
    guard try await core.passwords.verify(request.oldPassword, against: record.password) else {
      logRefusal(
        "password change refused", reason: "wrong old password", account: record.account,
        context: context)
      throw RPCError(.invalidArgument, "old_password: does not match the current password")
    }
    limiter.succeeded(attempt)
    let hash = try await core.passwords.hash(request.newPassword)
    let entry = try CredentialAudit.changePassword(context: context)
    let keeping: [UInt8]? =
      if case .session(let digest) = principal.credential { digest } else { nil }
    try await core.ledger.record(entry, at: moment) { mutation in
      let transaction = mutation.transaction
      guard var current = try Tables.accounts.get(principal.accountID, in: transaction),
        current.password == record.password
      else {
        throw RPCError(.aborted, "the password changed meanwhile; try again")
      }
      current.password = hash
      current.account.mustChangePassword = false
      try Tables.accounts.put(current, for: current.account.id, in: transaction)
      try Sessions.endAll(of: current.account.id, keeping: keeping, in: transaction)
      mutation.audit(targets: ["account:\(current.account.id)", "session:account:\(current.account.id)"])
    }
    core.logger.info(
      "password changed", metadata: ["account": "\(principal.accountID)", "peer": "\(context.peer)"])
    return Simpeg_V1_ChangePasswordResponse()
  }

  /// Logs a refused login or password check (`event`): the reason, the peer and the account
  /// if it exists. An unknown username is not logged, since people sometimes type a password
  /// there.
  private func logRefusal(
    _ event: Logger.Message, reason: String, account: Simpeg_V1_Account?, context: ServerContext
  ) {
    var metadata: Logger.Metadata = [
      "reason": "\(reason)", "peer": "\(context.peer)", "method": "\(context.method)",
    ]
    if let account {
      metadata["account"] = "\(account.id)"
      metadata["username"] = "\(account.username)"
    }
    core.logger.notice(event, metadata: metadata)
  }
}
