import SimpegStore

/// The only way SimpegServer changes the store: a write transaction that commits together with
/// the audit record of its change, or not at all.
///
/// Handlers, the importers and the sample hold a ledger, never the store's write: ``ServerCore``
/// hands them a ``ReadOnlyStore`` for reading. A change runs in ``record(_:at:_:)``, which reads
/// the clock once for the call (the ``Mutation/moment`` the change is judged and stamped by),
/// lets the change write through its ``Mutation`` (the domain commands take one), then appends
/// the hash-chained audit record with the targets the change named, in the same transaction.
struct Ledger: Sendable {
  private let store: Store
  /// The clock changes are stamped by.
  let clock: WIBClock

  /// A ledger writing to `store`, reading the time from `clock`.
  init(store: Store, clock: WIBClock) {
    self.store = store
    self.clock = clock
  }

  /// Runs `body` in a read-only transaction of the store this ledger writes.
  func read<T>(_ body: (ReadTransaction) throws -> T) throws -> T {
    try store.read(body)
  }

  /// Runs `change` in a write transaction and appends `entry` to the audit trail in the same
  /// transaction, with the targets the change named (``Mutation/audit(targets:)``; the entry's
  /// own when it named none); returns once both are durable. A change that finds nothing to do
  /// says so (``Mutation/leaveUnchanged()``): its transaction rolls back and no record is written.
  ///
  /// `moment` is the call's reading of the clock (read now when not given). The change may run
  /// more than once (the store reruns a batch after growing its map), each time with a fresh
  /// mutation, so it must do nothing outside the transaction.
  @discardableResult
  func record<T: Sendable>(
    _ entry: AuditEntry, at moment: Moment? = nil, _ change: @escaping @Sendable (Mutation) throws -> T
  ) async throws -> T {
    let moment = moment ?? clock.now()
    do {
      return try await store.write { transaction in
        let mutation = Mutation(transaction: transaction, moment: moment, targets: entry.targets)
        let result = try change(mutation)
        if mutation.isUnchanged { throw Unchanged(result: result) }
        try AuditTrail.append(entry, targets: mutation.targets, at: moment.instant, in: transaction)
        return result
      }
    } catch let unchanged as Unchanged<T> {
      return unchanged.result
    }
  }

  /// Rolls back a change that changed nothing, carrying its result out.
  private struct Unchanged<T: Sendable>: Error {
    let result: T
  }
}

/// A change in progress inside ``Ledger/record(_:at:_:)``: its write transaction, the moment it
/// is made at, and the targets its audit record will name.
///
/// Domain commands take a mutation rather than a bare transaction, so they run only where their
/// audit record is written with them.
final class Mutation {
  /// The write transaction.
  let transaction: WriteTransaction
  /// When the change is made: the call's one reading of the clock.
  let moment: Moment
  /// What the audit record names (`unit:12`, `employee:7`, ...).
  private(set) var targets: [String]
  /// Whether the change found nothing to do.
  private(set) var isUnchanged = false
  /// Records read during the change, by key (``remember(_:_:)``).
  private var remembered: [String: Any] = [:]

  init(transaction: WriteTransaction, moment: Moment, targets: [String]) {
    self.transaction = transaction
    self.moment = moment
    self.targets = targets
  }

  /// Names what the change touched, for its audit record; the last call names them.
  func audit(targets: [String]) {
    self.targets = targets
  }

  /// The value under `key` read once during this change: `read` runs the first time, later calls
  /// return what it returned, until a command that changes the record ``forget(_:)``s it. A long
  /// change (the sample) so decodes a record it consults again and again only once.
  func remember<Value>(_ key: String, _ read: () throws -> Value) rethrows -> Value {
    if let stored = remembered[key], let value = stored as? Value { return value }
    let value = try read()
    remembered[key] = value
    return value
  }

  /// Forgets the values remembered under `keys`, after their record changed.
  func forget(_ keys: [String]) {
    for key in keys { remembered[key] = nil }
  }

  /// Says the request asks for what already is: whatever was written rolls back and no audit
  /// record is written, so a request that changes nothing leaves no trace.
  func leaveUnchanged() {
    isUnchanged = true
  }
}
