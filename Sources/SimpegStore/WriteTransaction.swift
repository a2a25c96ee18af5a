import CLMDB

/// A read-write transaction: one write request's view of the store, valid only inside its closure.
///
/// Handed to the closure of ``Store/write(_:)`` on the writer thread. Everything a
/// ``ReadTransaction`` can do works here too and sees this request's own changes (and, within a
/// group-commit batch, those of the requests before it). If the closure throws, its changes are
/// rolled back alone and the other requests of the batch still commit (see ``Store/write(_:)``).
public final class WriteTransaction: ReadTransaction {
  let batch: BatchContext
  private var assignedSequence: UInt64?

  init(handle: OpaquePointer, environment: Environment, batch: BatchContext) {
    self.batch = batch
    super.init(handle: handle, environment: environment, recordCache: batch.recordCache)
  }

  /// The change-log sequence number of the latest change this transaction recorded, if any.
  ///
  /// Numbers are assigned in commit order and become visible to readers once the batch commits;
  /// a request that throws gives its numbers back to the next request.
  public var lastAssignedSequence: UInt64? { assignedSequence }

  /// Stores `count` bytes under `key`, written in place by `fill` (MDB_RESERVE, no extra copy).
  func put(
    _ dbi: MDB_dbi, key: [UInt8], count: Int, flags: Int32 = 0, table: String,
    fill: (UnsafeMutableRawBufferPointer) -> Void
  ) throws(StoreError) {
    var value = MDB_val(mv_size: count, mv_data: nil)
    let rc = key.withUnsafeBytes { raw -> Int32 in
      var keyVal = MDB_val(mv_size: raw.count, mv_data: UnsafeMutableRawPointer(mutating: raw.baseAddress))
      return mdb_put(handle, dbi, &keyVal, &value, UInt32(flags | MDB_RESERVE))
    }
    try check(rc, "write to \(table)", table: table)
    fill(UnsafeMutableRawBufferPointer(start: value.mv_data, count: count))
  }

  /// Stores `bytes` under `key`.
  func put(_ dbi: MDB_dbi, key: [UInt8], bytes: [UInt8], table: String) throws(StoreError) {
    try put(dbi, key: key, count: bytes.count, table: table) { target in
      bytes.withUnsafeBytes { source in
        if source.count > 0 { target.copyMemory(from: source) }
      }
    }
  }

  /// Deletes the entry under `key`; returns whether there was one.
  @discardableResult
  func delete(_ dbi: MDB_dbi, key: [UInt8], table: String) throws(StoreError) -> Bool {
    let rc = key.withUnsafeBytes { raw -> Int32 in
      var keyVal = MDB_val(mv_size: raw.count, mv_data: UnsafeMutableRawPointer(mutating: raw.baseAddress))
      return mdb_del(handle, dbi, &keyVal, nil)
    }
    if rc == MDB_NOTFOUND { return false }
    try check(rc, "delete from \(table)", table: table)
    return true
  }

  /// Appends a change record to the change log under the next sequence number.
  func recordChange(table: String, operation: ChangeOperation, key: [UInt8]) throws(StoreError) {
    let sequence = batch.nextSequence
    let record = ChangeRecord.encode(sequence: sequence, table: table, operation: operation, key: key)
    let dbi = try database(InternalTable.changes)
    try put(dbi, key: sequence.encodedKey, bytes: record, table: InternalTable.changes)
    batch.nextSequence = sequence + 1
    assignedSequence = sequence
  }

  /// Throws for a non-zero code, first noting a full map so the writer grows it and retries.
  /// The operation is described only when it failed, not built as text for every put.
  private func check(_ rc: Int32, _ operation: @autoclosure () -> String, table: String) throws(StoreError) {
    if rc == MDB_MAP_FULL {
      batch.mapFull = true
    }
    try checkLMDB(rc, operation(), table: table)
  }
}

/// What the requests of one batch share: the next change sequence, whether the map filled, the
/// values of its ``BatchState``s and the writer thread's decoded records.
final class BatchContext {
  var nextSequence: UInt64
  var mapFull = false
  var states = BatchStates()
  let recordCache: DecodedRecordCache?

  init(nextSequence: UInt64, recordCache: DecodedRecordCache? = nil) {
    self.nextSequence = nextSequence
    self.recordCache = recordCache
  }
}

extension BatchContext {
  /// Writes the batch's changed ``BatchState``s in `handle` (the batch's own transaction, after
  /// its last request and before its commit). A full map shows in ``mapFull``.
  func saveStates(handle: OpaquePointer, environment: Environment) throws(StoreError) {
    guard !states.isClean else { return }
    let transaction = WriteTransaction(handle: handle, environment: environment, batch: self)
    defer { transaction.end() }
    // From a copy, so that a save which reads a batch state does not overlap this access.
    let saving = states
    try saving.saveAll(in: transaction)
  }
}
