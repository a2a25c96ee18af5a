import CLMDB

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A read-only view of the store at one committed state, valid only inside its closure.
///
/// Handed to the closure of ``Store/read(_:)`` (and, as its subclass ``WriteTransaction``, to
/// ``Store/write(_:)``). It is not `Sendable`, so it cannot be passed to another task; the closure
/// is not `async`, so the transaction cannot be held across an `await`. Every value is copied out
/// of LMDB's memory before a table method returns, so nothing that refers to LMDB's pages
/// outlives the transaction. Using it after its closure returned throws
/// ``StoreError/Kind/transactionEnded``.
public class ReadTransaction {
  let handle: OpaquePointer
  let environment: Environment
  /// The writer thread's decoded records (write transactions only; see ``DecodedRecordCache``).
  let recordCache: DecodedRecordCache?
  private(set) var isActive = true

  init(handle: OpaquePointer, environment: Environment, recordCache: DecodedRecordCache? = nil) {
    self.handle = handle
    self.environment = environment
    self.recordCache = recordCache
  }

  /// Marks the transaction as over; its handle must not be used again.
  func end() {
    isActive = false
  }

  /// The database handle for a name, after checking the transaction is still usable.
  func database(_ name: String) throws(StoreError) -> MDB_dbi {
    guard isActive else {
      throw StoreError(
        .transactionEnded,
        "a transaction was used after its closure returned; do all work inside the closure",
        table: name)
    }
    return try environment.database(name)
  }

  /// Calls `body` with the bytes stored under `key`, or returns nil if there is none.
  ///
  /// The buffer points into LMDB's map and is valid only during `body`.
  func withValue<R>(
    _ dbi: MDB_dbi, key: [UInt8], table: String, _ body: (UnsafeRawBufferPointer) throws -> R
  ) throws -> R? {
    var value = MDB_val()
    let rc = key.withUnsafeBytes { raw -> Int32 in
      var keyVal = MDB_val(mv_size: raw.count, mv_data: UnsafeMutableRawPointer(mutating: raw.baseAddress))
      return mdb_get(handle, dbi, &keyVal, &value)
    }
    if rc == MDB_NOTFOUND { return nil }
    try checkLMDB(rc, "read from \(table)", table: table)
    return try body(UnsafeRawBufferPointer(start: value.mv_data, count: value.mv_size))
  }

  /// The number of entries LMDB records for a database.
  func entryCount(_ dbi: MDB_dbi, table: String) throws(StoreError) -> Int {
    var stat = MDB_stat()
    try checkLMDB(mdb_stat(handle, dbi, &stat), "stat \(table)", table: table)
    return stat.ms_entries
  }

  /// LMDB's statistics for a database.
  func stat(_ dbi: MDB_dbi, table: String) throws(StoreError) -> MDB_stat {
    var stat = MDB_stat()
    try checkLMDB(mdb_stat(handle, dbi, &stat), "stat \(table)", table: table)
    return stat
  }

  /// Walks entries within `[lower, upper)` in `direction`, starting past `after` when given.
  ///
  /// `visit` gets key and value buffers valid only during the call and returns false to stop.
  func walk(
    _ dbi: MDB_dbi,
    lower: [UInt8]?,
    upper: [UInt8]?,
    direction: ScanDirection,
    after: [UInt8]?,
    table: String,
    _ visit: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Bool
  ) throws {
    var cursor: OpaquePointer?
    try checkLMDB(mdb_cursor_open(handle, dbi, &cursor), "open a cursor on \(table)", table: table)
    defer { mdb_cursor_close(cursor) }
    var key = MDB_val()
    var value = MDB_val()

    func seek(_ bytes: [UInt8]) -> Int32 {
      bytes.withUnsafeBytes { raw in
        key = MDB_val(mv_size: raw.count, mv_data: UnsafeMutableRawPointer(mutating: raw.baseAddress))
        return mdb_cursor_get(cursor, &key, &value, MDB_SET_RANGE)
      }
    }
    func move(_ op: MDB_cursor_op) -> Int32 {
      mdb_cursor_get(cursor, &key, &value, op)
    }
    func current() -> UnsafeRawBufferPointer {
      UnsafeRawBufferPointer(start: key.mv_data, count: key.mv_size)
    }

    var rc: Int32
    switch direction {
    case .forward:
      var start = lower
      var skipEqual = false
      if let after, lower.map({ !after.lexicographicallyPrecedes($0) }) ?? true {
        start = after
        skipEqual = true
      }
      if let start {
        rc = seek(start)
        if rc == 0 && skipEqual && compareBytes(current(), start) == 0 {
          rc = move(MDB_NEXT)
        }
      } else {
        rc = move(MDB_FIRST)
      }
      while rc == 0 {
        let keyBytes = current()
        if let upper, compareBytes(keyBytes, upper) >= 0 { break }
        if try !visit(keyBytes, UnsafeRawBufferPointer(start: value.mv_data, count: value.mv_size)) {
          return
        }
        rc = move(MDB_NEXT)
      }
    case .reverse:
      var end = upper
      if let after, upper.map({ after.lexicographicallyPrecedes($0) }) ?? true {
        end = after
      }
      if let end {
        rc = seek(end)
        if rc == 0 {
          rc = move(MDB_PREV)
        } else if rc == MDB_NOTFOUND {
          rc = move(MDB_LAST)
        }
      } else {
        rc = move(MDB_LAST)
      }
      while rc == 0 {
        let keyBytes = current()
        if let lower, compareBytes(keyBytes, lower) < 0 { break }
        if try !visit(keyBytes, UnsafeRawBufferPointer(start: value.mv_data, count: value.mv_size)) {
          return
        }
        rc = move(MDB_PREV)
      }
    }
    if rc != 0 && rc != MDB_NOTFOUND {
      try checkLMDB(rc, "scan \(table)", table: table)
    }
  }
}

/// Compares bytes the way LMDB's default comparison does: memcmp, then the shorter first.
func compareBytes(_ lhs: UnsafeRawBufferPointer, _ rhs: [UInt8]) -> Int {
  rhs.withUnsafeBytes { right in
    let common = min(lhs.count, right.count)
    if common > 0 {
      let order = memcmp(lhs.baseAddress!, right.baseAddress!, common)
      if order != 0 { return Int(order) }
    }
    return lhs.count - right.count
  }
}
