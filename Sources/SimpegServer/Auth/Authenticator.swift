import Foundation
import SimpegAPI
import SimpegRPC
import SimpegStore

/// Turns the `authorization` metadata of a call into a ``Principal``: `Bearer <token>` for a
/// session from Login, `ApiKey <secret>` for a service account.
///
/// The principal of a credential seen before comes from a ``CredentialCache`` that follows the
/// store's change log, so a logout, a revocation, a disabled account or a changed position still
/// takes effect at the next call; otherwise the session or key, the account and its positions
/// are read from the store.
final class Authenticator: Sendable {
  let store: ReadOnlyStore
  /// The clock sessions expire by.
  let clock: WIBClock
  let cache: CredentialCache
  /// Changes the cache may be behind by and still read them; beyond, it starts over.
  static let catchUpLimit: UInt64 = 10_000

  init(store: ReadOnlyStore, clock: WIBClock) {
    self.store = store
    self.clock = clock
    self.cache = CredentialCache(appliedSequence: store.lastSequence)
  }

  /// The caller, nil when the call carries no credential; throws `UNAUTHENTICATED` when the
  /// credential is malformed, unknown, expired, revoked or belongs to a disabled account.
  ///
  /// `now` is the one time this check reads (the daemon's clock unless given): a session is
  /// valid while its expiry is after it.
  func authenticate(metadata: Metadata, now given: Date? = nil) throws -> Principal? {
    guard let header = metadata["authorization"] else { return nil }
    // Two credentials would leave which one acts to the order of the entries: refuse them.
    guard metadata.values("authorization").count == 1 else {
      throw Self.refusal("send one authorization entry, not several")
    }
    let parts = header.split(separator: " ", maxSplits: 1).map(String.init)
    guard parts.count == 2, !parts[1].isEmpty, parts[1].count <= 256 else {
      throw Self.refusal("the authorization metadata must be 'Bearer <token>' or 'ApiKey <key>'")
    }
    let digest = Credentials.digest(parts[1])
    switch parts[0].lowercased() {
    // Only a session can expire, so only a session reads the clock (a call's handler reads it
    // once more for the moment it stamps).
    case "bearer":
      do {
        return try principal(for: .session(digest), now: given ?? clock.now().instant)
      } catch let error as RPCError where error.code == .unauthenticated && parts[1].hasPrefix("spk_") {
        // An API key sent as a session token: say which scheme it goes with.
        throw Self.refusal(
          "'Bearer' carries a session token from AuthService/Login; an API key goes as 'ApiKey <key>'")
      }
    case "apikey": return try principal(for: .apiKey(digest), now: given ?? .distantPast)
    default:
      throw Self.refusal("the authorization metadata must be 'Bearer <token>' or 'ApiKey <key>'")
    }
  }

  /// The principal of `key`, from the cache when it holds it (after applying the changes
  /// committed since it last looked), else from the store.
  private func principal(for key: CredentialCacheState.Key, now: Date) throws -> Principal {
    // Bounded: a second pass finds the changes applied by the first.
    for _ in 0..<2 {
      let committed = store.lastSequence
      switch cache.lookup(key, now: now, committed: committed) {
      case .hit(let principal):
        return principal
      case .miss:
        let (principal, expiresAt) = try load(key, now: now)
        cache.insert(principal, for: key, expiresAt: expiresAt, validAsOf: committed)
        return principal
      case .bypass:
        return try load(key, now: now).principal
      case .catchUp(let after):
        catchUp(after: after, committed: committed)
      }
    }
    return try load(key, now: now).principal
  }

  /// Reads the change log after `after` and applies it to the cache; when too much is pending,
  /// or the log cannot be read, the cache starts over instead (always correct, only slower).
  private func catchUp(after: UInt64, committed: UInt64) {
    guard committed - after <= Self.catchUpLimit else { return cache.reset(through: committed) }
    do {
      var cursor = after
      let relevant = try store.read { transaction in
        var relevant: [ChangeRecord] = []
        // Bounded by the limit above: at most catchUpLimit / 1,024 + 1 pages.
        while true {
          let page = try store.changes(after: cursor, limit: 1_024, in: transaction)
          relevant += page.filter { CredentialCacheState.tables.contains($0.table) }
          guard let last = page.last, page.count == 1_024 else {
            cursor = page.last?.sequence ?? cursor
            break
          }
          cursor = last.sequence
        }
        return relevant
      }
      // The read began after `committed` was published, so it saw every change up to it.
      cache.apply(relevant, through: max(cursor, committed))
    } catch {
      cache.reset(through: after)
    }
  }

  /// The principal of `key` read from the store, and when its credential expires.
  private func load(_ key: CredentialCacheState.Key, now: Date) throws -> (
    principal: Principal, expiresAt: Date
  ) {
    switch key {
    case .session(let digest):
      return try store.read { transaction in
        guard let session = try Tables.sessions.get(RawKeyBytes(digest), in: transaction),
          !session.revoked
        else { throw Self.refusal("the session token is unknown or was revoked; log in again") }
        let expiresAt = session.expiresAt.date
        guard expiresAt > now else {
          throw Self.refusal("the session expired; log in again")
        }
        let principal = try Self.principal(
          accountID: session.accountID, credential: .session(tokenSHA256: digest), in: transaction)
        return (principal, expiresAt)
      }
    case .apiKey(let digest):
      return try store.read { transaction in
        guard
          let key = try Tables.apiKeys.findUnique(
            Tables.apiKeysBySecret, RawKeyBytes(digest), in: transaction)?.value,
          !key.hasRevokedAt
        else { throw Self.refusal("the API key is unknown or was revoked") }
        let principal = try Self.principal(
          accountID: key.accountID, credential: .apiKey(id: key.id), in: transaction)
        return (principal, .distantFuture)
      }
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
