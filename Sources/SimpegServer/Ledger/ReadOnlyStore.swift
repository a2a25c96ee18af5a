import SimpegStore

/// What handlers may do with the store besides changing it: read in a transaction, follow the
/// change feed, stream a backup, report statistics. Changes go through the ``Ledger``.
struct ReadOnlyStore: Sendable {
  private let store: Store

  /// A view of `store` that cannot write.
  init(_ store: Store) {
    self.store = store
  }

  /// The schema the store was opened with.
  var schema: StoreSchema { store.schema }

  /// Runs `body` in a read-only transaction (``Store/read(_:)``).
  func read<T>(_ body: (ReadTransaction) throws -> T) throws -> T {
    try store.read(body)
  }

  /// The sequence number of the last committed change.
  var lastSequence: UInt64 { store.lastSequence }

  /// Change records after `sequence` as seen by `transaction` (``Store/changes(after:limit:in:)``).
  func changes(after sequence: UInt64, limit: Int, in transaction: ReadTransaction) throws -> [ChangeRecord] {
    try store.changes(after: sequence, limit: limit, in: transaction)
  }

  /// Suspends until a change after `sequence` commits (``Store/waitForChange(after:)``).
  func waitForChange(after sequence: UInt64) async throws -> UInt64 {
    try await store.waitForChange(after: sequence)
  }

  /// The store's size, readers and tables now.
  func stats() throws -> StoreStats {
    try store.stats()
  }

  /// A consistent hot copy as a stream of chunks (``Store/backupStream(chunkSize:)``).
  func backupStream(chunkSize: Int) -> BackupStream {
    store.backupStream(chunkSize: chunkSize)
  }

  /// The store's configuration (backup stall timeout, growth patience, ...).
  var configuration: StoreConfiguration { store.configuration }

  /// The backups running now, for metrics and shutdown reports.
  var runningBackups: [BackupProgress] { store.runningBackups }
}
