import CLMDB

/// The entries of the `_meta` table: small big-endian integers under fixed names.
enum Meta {
  /// The layout of the store's own data (key and value formats, internal tables).
  static let formatVersionKey = "store_format_version"
  /// The schema version the data has reached.
  static let schemaVersionKey = "schema_version"
  /// The sequence number of the last committed change-log record.
  static let lastSequenceKey = "last_sequence"

  /// The identity of the store: 16 random bytes given when it was created (see ``StoreIdentity``).
  static let storeIDKey = "store_id"

  /// The store format this code writes and reads: 2 since every record carries a checksum
  /// (``RecordEnvelope``); format 1 stores are migrated on open (``RecordFormatMigration``).
  static let currentFormatVersion: UInt64 = 2

  /// Reads an 8-byte entry through a raw transaction handle; nil when absent.
  static func read(_ name: String, txn: OpaquePointer, dbi: MDB_dbi) throws(StoreError) -> UInt64? {
    guard let bytes = try readBytes(name, txn: txn, dbi: dbi) else { return nil }
    guard bytes.count == 8 else {
      throw StoreError(
        .corrupted, "\(InternalTable.meta) entry \(name) has \(bytes.count) bytes, expected 8",
        table: InternalTable.meta)
    }
    return bytes.reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
  }

  /// Reads an entry of any length through a raw transaction handle; nil when absent.
  static func readBytes(_ name: String, txn: OpaquePointer, dbi: MDB_dbi) throws(StoreError) -> [UInt8]? {
    var value = MDB_val()
    let key = Array(name.utf8)
    let rc = key.withUnsafeBytes { raw -> Int32 in
      var keyVal = MDB_val(mv_size: raw.count, mv_data: UnsafeMutableRawPointer(mutating: raw.baseAddress))
      return mdb_get(txn, dbi, &keyVal, &value)
    }
    if rc == MDB_NOTFOUND { return nil }
    try checkLMDB(rc, "read \(name) from \(InternalTable.meta)", table: InternalTable.meta)
    return Array(UnsafeRawBufferPointer(start: value.mv_data, count: value.mv_size))
  }

  /// Writes an entry of any length through a write transaction.
  static func writeBytes(_ name: String, _ bytes: [UInt8], in transaction: WriteTransaction)
    throws(StoreError)
  {
    let dbi = try transaction.database(InternalTable.meta)
    try transaction.put(dbi, key: Array(name.utf8), bytes: bytes, table: InternalTable.meta)
  }

  /// Writes an entry through a write transaction.
  static func write(_ name: String, _ number: UInt64, in transaction: WriteTransaction) throws(StoreError) {
    let dbi = try transaction.database(InternalTable.meta)
    try transaction.put(dbi, key: Array(name.utf8), bytes: number.encodedKey, table: InternalTable.meta)
  }
}
