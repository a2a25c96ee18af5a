import CLMDB

/// A backup file opened read-only (MDB_RDONLY | MDB_NOSUBDIR | MDB_NOLOCK) to count and walk it.
///
/// NOLOCK: nothing else writes a backup file, and a reader must not leave a lock file beside it.
final class BackupReader {
  private let env: OpaquePointer
  let path: String

  /// Opens the file after checking its header (so a truncated file is refused, not mapped).
  init(path: String) throws(StoreError) {
    try BackupFile.checkHeader(path)
    var handle: OpaquePointer?
    try checkLMDB(mdb_env_create(&handle), "create an environment for backup \(path)")
    env = handle!
    self.path = path
    do throws(StoreError) {
      try checkLMDB(mdb_env_set_maxdbs(env, 4096), "set maxdbs for backup \(path)")
      let flags = UInt32(MDB_RDONLY | MDB_NOSUBDIR | MDB_NOLOCK)
      let rc = mdb_env_open(env, path, flags, 0o440)
      if rc != 0 {
        let error = StoreError.lmdb(rc, "open backup \(path)")
        throw StoreError(
          .backupCorrupted, "backup \(path) does not open as an LMDB file: \(error.message)", code: rc)
      }
    } catch {
      mdb_env_close(env)
      throw error
    }
  }

  deinit {
    mdb_env_close(env)
  }

  /// Per database: the count LMDB records and the count a full walk finds.
  struct DatabaseCount {
    let recorded: Int
    let walked: Int
  }

  /// What the file holds: per-database counts, and the `_meta` entries.
  struct Contents {
    var databases: [String: DatabaseCount] = [:]
    var formatVersion: UInt64 = 0
    var schemaVersion: UInt64 = 0
    var lastSequence: UInt64 = 0
  }

  /// Reads every named database; with `walk`, visits every entry of each to count it.
  func contents(walk: Bool) throws(StoreError) -> Contents {
    var txn: OpaquePointer?
    try checkLMDB(mdb_txn_begin(env, nil, UInt32(MDB_RDONLY), &txn), "read backup \(path)")
    defer { mdb_txn_abort(txn) }
    var main: MDB_dbi = 0
    try checkLMDB(mdb_dbi_open(txn, nil, 0, &main), "open the main database of backup \(path)")
    var names: [String] = []
    try forEachKey(txn: txn!, dbi: main) { key in
      names.append(String(decoding: key, as: UTF8.self))
    }
    var contents = Contents()
    for name in names {
      var dbi: MDB_dbi = 0
      try checkLMDB(mdb_dbi_open(txn, name, 0, &dbi), "open database \(name) of backup \(path)")
      var stat = MDB_stat()
      try checkLMDB(mdb_stat(txn, dbi, &stat), "stat database \(name) of backup \(path)")
      var walked = 0
      if walk {
        try forEachKey(txn: txn!, dbi: dbi) { _ in walked += 1 }
      }
      contents.databases[name] = DatabaseCount(
        recorded: stat.ms_entries, walked: walk ? walked : stat.ms_entries)
      if name == InternalTable.meta {
        contents.formatVersion = try Meta.read(Meta.formatVersionKey, txn: txn!, dbi: dbi) ?? 0
        contents.schemaVersion = try Meta.read(Meta.schemaVersionKey, txn: txn!, dbi: dbi) ?? 0
        contents.lastSequence = try Meta.read(Meta.lastSequenceKey, txn: txn!, dbi: dbi) ?? 0
      }
    }
    return contents
  }

  private func forEachKey(
    txn: OpaquePointer, dbi: MDB_dbi, _ visit: (UnsafeRawBufferPointer) throws(StoreError) -> Void
  ) throws(StoreError) {
    var cursor: OpaquePointer?
    try checkLMDB(mdb_cursor_open(txn, dbi, &cursor), "open a cursor in backup \(path)")
    defer { mdb_cursor_close(cursor) }
    var key = MDB_val()
    var value = MDB_val()
    var rc = mdb_cursor_get(cursor, &key, &value, MDB_FIRST)
    while rc == 0 {
      try visit(UnsafeRawBufferPointer(start: key.mv_data, count: key.mv_size))
      rc = mdb_cursor_get(cursor, &key, &value, MDB_NEXT)
    }
    if rc != MDB_NOTFOUND {
      let error = StoreError.lmdb(rc, "walk backup \(path)")
      throw StoreError(.backupCorrupted, "backup \(path) is damaged: \(error.message)", code: rc)
    }
  }
}
