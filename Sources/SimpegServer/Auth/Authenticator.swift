import Foundation
import SimpegAPI
import SimpegStore

/// Turns the `authorization` metadata of a call into a ``Principal``: `Bearer <token>` for a
/// session from Login, `ApiKey <secret>` for a service account. Every call reads the session
/// or key from the store, so a logout, a revocation or a disabled account takes effect at once.
final class Authenticator: Sendable {
  let store: ReadOnlyStore
  /// The clock sessions expire by.
  let clock: WIBClock

  init(store: ReadOnlyStore, clock: WIBClock) {
    self.store = store
    self.clock = clock
  }

  /// The caller, nil when the call carries no credential; throws `UNAUTHENTICATED` when the
  /// credential is malformed, unknown, expired, revoked or belongs to a disabled account.
  func authenticate(metadata: Metadata) throws -> Principal? {
    guard let header = metadata["authorization"] else { return nil }
    let parts = header.split(separator: " ", maxSplits: 1).map(String.init)
    guard parts.count == 2, !parts[1].isEmpty, parts[1].count <= 256 else {
      throw Self.refusal("the authorization metadata must be 'Bearer <token>' or 'ApiKey <key>'")
    }
    let digest = Credentials.digest(parts[1])
    switch parts[0].lowercased() {
    case "bearer":
      return try store.read { transaction in
        guard let session = try Tables.sessions.get(RawKeyBytes(digest), in: transaction),
          !session.revoked
        else { throw Self.refusal("the session token is unknown or was revoked; log in again") }
        guard session.expiresAt.date > clock.now().instant else {
          throw Self.refusal("the session expired; log in again")
        }
        return try Self.principal(
          accountID: session.accountID, credential: .session(tokenSHA256: digest), in: transaction)
      }
    case "apikey":
      return try store.read { transaction in
        guard
          let key = try Tables.apiKeys.findUnique(
            Tables.apiKeysBySecret, RawKeyBytes(digest), in: transaction)?.value,
          !key.hasRevokedAt
        else { throw Self.refusal("the API key is unknown or was revoked") }
        return try Self.principal(accountID: key.accountID, credential: .apiKey(id: key.id), in: transaction)
      }
    default:
      throw Self.refusal("the authorization metadata must be 'Bearer <token>' or 'ApiKey <key>'")
    }
  }

  /// The principal of an account, with the positions its employee holds or acts in.
  static func principal(
    accountID: UInt64, credential: Principal.Credential, in transaction: ReadTransaction
  ) throws -> Principal {
    guard let record = try Tables.accounts.get(accountID, in: transaction) else {
      throw refusal("the account of this credential no longer exists")
    }
    let account = record.account
    guard !account.disabled else { throw refusal("the account is disabled; ask BKPSDM") }
    var positions: [UInt64] = []
    if account.employeeID != 0 {
      if let held = try Tables.positions.findUnique(
        Tables.positionsByHolder, account.employeeID, in: transaction)
      {
        positions.append(held.key)
      }
      positions += try Tables.positions.find(
        Tables.positionsByActing, equalTo: account.employeeID, in: transaction
      ).map(\.key)
    }
    return Principal(
      accountID: account.id, username: account.username, kind: account.kind,
      roles: Set(account.roles), scopes: Set(account.scopes), employeeID: account.employeeID,
      positionIDs: positions, credential: credential)
  }

  private static func refusal(_ message: String) -> RPCError {
    RPCError(.unauthenticated, message)
  }
}
