import Foundation
import NIOConcurrencyHelpers
import SimpegStore

/// The principals of credentials seen recently, so that a call with a known session or API key
/// skips the store's lookups (the session or key, the account, the positions held and acted in).
///
/// A cached principal is only as good as the rows it was built from, so the cache follows the
/// store's change log: before answering, it applies every change committed since it last looked,
/// and a change to one of those rows drops what was built from it, whichever path made the
/// change (logout, revocation, a password change or reset, disabling an account, new roles or
/// scopes, a revoked key, a position filled, vacated or acted in). The writer publishes a
/// commit's last sequence before any caller of that commit resumes, so once a logout has been
/// answered, the next call with that token finds the change and goes to the store. Expiry is
/// checked against the time of each call. ``CredentialCacheState`` holds the rules; this class
/// adds the lock.
final class CredentialCache: Sendable {
  private let state: NIOLockedValueBox<CredentialCacheState>

  /// An empty cache that has seen every change up to `sequence`.
  init(appliedSequence sequence: UInt64, capacity: Int = CredentialCacheState.defaultCapacity) {
    state = NIOLockedValueBox(CredentialCacheState(appliedSequence: sequence, capacity: capacity))
  }

  /// What to do for `key` at `now`, given the store's last committed sequence.
  func lookup(_ key: CredentialCacheState.Key, now: Date, committed: UInt64) -> CredentialCacheState.Lookup {
    state.withLockedValue { $0.lookup(key, now: now, committed: committed) }
  }

  /// Keeps `principal` for `key` if nothing relevant can have changed since `validAsOf`.
  func insert(
    _ principal: Principal, for key: CredentialCacheState.Key, expiresAt: Date, validAsOf sequence: UInt64
  ) {
    state.withLockedValue { $0.insert(principal, for: key, expiresAt: expiresAt, validAsOf: sequence) }
  }

  /// Applies changes read from the log after a ``CredentialCacheState/Lookup/catchUp(after:)``.
  func apply(_ changes: [ChangeRecord], through sequence: UInt64) {
    state.withLockedValue { $0.apply(changes, through: sequence) }
  }

  /// Forgets everything and continues from `sequence` (when too many changes are pending to
  /// read them).
  func reset(through sequence: UInt64) {
    state.withLockedValue { $0.reset(through: sequence) }
  }

  /// Lookups answered from the cache so far (for tests and measurements).
  var hits: Int { state.withLockedValue { $0.hits } }
  /// Principals held now.
  var count: Int { state.withLockedValue { $0.entries.count } }
}

/// The rules of ``CredentialCache``, without the lock: a value type tested on its own.
struct CredentialCacheState {
  /// How many principals the cache holds before it starts over.
  static let defaultCapacity = 100_000

  /// A credential, by the SHA-256 of its secret.
  enum Key: Hashable {
    /// A session token's digest.
    case session([UInt8])
    /// An API key's digest.
    case apiKey([UInt8])
  }

  /// A cached principal and when its credential stops being valid.
  struct Entry {
    var principal: Principal
    var expiresAt: Date
  }

  /// What a lookup found.
  enum Lookup: Equatable {
    /// The principal, valid now.
    case hit(Principal)
    /// Not cached: load it, and ``insert(_:for:expiresAt:validAsOf:)`` it with the sequence
    /// given to the lookup.
    case miss
    /// Changes were committed since the cache last applied any: read the log after this
    /// sequence, ``apply(_:through:)`` it, and look up again. Only one caller at a time is sent
    /// to catch up.
    case catchUp(after: UInt64)
    /// Another caller is catching up: load the principal from the store and do not insert it.
    case bypass
  }

  var entries: [Key: Entry] = [:]
  /// Every change up to this sequence has been applied.
  private(set) var appliedSequence: UInt64
  private(set) var catchingUp = false
  private(set) var hits = 0
  let capacity: Int

  init(appliedSequence: UInt64, capacity: Int = defaultCapacity) {
    self.appliedSequence = appliedSequence
    self.capacity = capacity
  }

  mutating func lookup(_ key: Key, now: Date, committed: UInt64) -> Lookup {
    if committed > appliedSequence {
      if catchingUp { return .bypass }
      catchingUp = true
      return .catchUp(after: appliedSequence)
    }
    guard let entry = entries[key] else { return .miss }
    guard entry.expiresAt > now else {
      entries[key] = nil
      return .miss
    }
    hits += 1
    return .hit(entry.principal)
  }

  /// Keeps `principal` when the changes after `validAsOf` are still to be applied (so that any
  /// of them that touches its rows will drop it); otherwise some may have been applied already
  /// while it was being read, and it is not kept.
  ///
  /// A catch-up in progress does not matter: it applies its changes after this insert, and the
  /// changes it does not read are after `appliedSequence` still.
  mutating func insert(_ principal: Principal, for key: Key, expiresAt: Date, validAsOf sequence: UInt64) {
    guard sequence >= appliedSequence else { return }
    if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
    entries[key] = Entry(principal: principal, expiresAt: expiresAt)
  }

  /// Drops what `changes` touch and records that everything through `sequence` is applied.
  mutating func apply(_ changes: [ChangeRecord], through sequence: UInt64) {
    for change in changes { drop(touchedBy: change) }
    appliedSequence = max(appliedSequence, sequence)
    catchingUp = false
  }

  /// Drops every principal and records that everything through `sequence` is applied.
  mutating func reset(through sequence: UInt64) {
    entries.removeAll(keepingCapacity: true)
    appliedSequence = max(appliedSequence, sequence)
    catchingUp = false
  }

  /// The tables principals are built from; changes to others do not matter here.
  static let tables: Set<String> = [
    Tables.sessions.name, Tables.accounts.name, Tables.apiKeys.name, Tables.positions.name,
  ]

  private mutating func drop(touchedBy change: ChangeRecord) {
    switch change.table {
    case Tables.sessions.name:
      entries[.session(change.key)] = nil
    case Tables.accounts.name:
      guard let id = try? change.decodeKey(as: UInt64.self) else { return entries.removeAll() }
      entries = entries.filter { $0.value.principal.accountID != id }
    case Tables.apiKeys.name:
      guard let id = try? change.decodeKey(as: UInt64.self) else { return entries.removeAll() }
      entries = entries.filter { $0.value.principal.credential != .apiKey(id: id) }
    case Tables.positions.name:
      // Who holds or acts in a position is not in the change itself; positions change rarely,
      // so every principal of an employee is built again.
      entries = entries.filter { $0.value.principal.employeeID == 0 }
    default:
      break
    }
  }
}
