import Crypto
import Foundation
import SimpegAPI
import SimpegRPC
import SwiftProtobuf

/// Audit entries of the calls that carry secrets. The audit trail keeps a SHA-256 of each
/// request; a password, even digested, must not be in it (a digest of a short password can be
/// guessed offline). So these requests are digested with every secret field cleared:
///
/// - Login: the request with only the username, and the actor is the account that logged in
///   (the call itself carries no credential yet). Failed logins are logged, not audited.
/// - ChangePassword: an empty request (both fields are secrets).
/// - CreateUserAccount: the request without `initial_password`.
///
/// ResetPassword and CreateApiKey carry no secret in their requests (the secrets are in their
/// responses, which are never digested), so they use the ordinary entry.
enum CredentialAudit {
  /// The entry of a successful login of `account`.
  static func login(
    of account: Simpeg_V1_Account, username: String, context: ServerContext
  ) -> AuditEntry {
    var redacted = Simpeg_V1_LoginRequest()
    redacted.username = username
    var entry = AuditEntry(systemAction: context.method.fullName)
    entry.actorAccountID = account.id
    entry.actor = account.username
    entry.requestSHA256 = digest(of: redacted)
    entry.peer = context.peer
    entry.requestID = context.requestID ?? ""
    return entry
  }

  /// The entry of ChangePassword by the caller of `context`.
  static func changePassword(context: ServerContext) throws -> AuditEntry {
    try AuditEntry(context: context, request: Simpeg_V1_ChangePasswordRequest())
  }

  /// The entry of CreateUserAccount, without its initial password.
  static func createUserAccount(
    _ request: Simpeg_V1_CreateUserAccountRequest, context: ServerContext
  ) throws -> AuditEntry {
    var redacted = request
    redacted.initialPassword = ""
    return try AuditEntry(context: context, request: redacted)
  }

  /// The SHA-256 of a request's encoding, as ``AuditEntry`` computes it.
  static func digest(of request: some SwiftProtobuf.Message) -> [UInt8] {
    let bytes: [UInt8] = (try? request.serializedBytes()) ?? []
    return Array(SHA256.hash(data: bytes))
  }
}
