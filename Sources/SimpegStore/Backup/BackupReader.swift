import CLMDB

/// A data file opened read-only to count, walk and check it: a backup file (MDB_RDONLY |
/// MDB_NOSUBDIR | MDB_NOLOCK) or a store's data folder, which may be in use by its daemon
/// (MDB_RDONLY with the folder's lock file, so the daemon's writer keeps the pages it reads).
///
/// NOLOCK for backups: nothing else writes a backup file, and a reader must not leave a lock file
/// beside it. A backup file is checked from outside before LMDB may map it: its header, then
/// every page its trees reach (``DataFileWalk``), so a truncated or damaged file is refused
/// instead of crashing the reader.
final class BackupReader {
  private let env: OpaquePointer
  let path: String

  /// Opens a backup file after checking its header and structure; throws when either is damaged.
  convenience init(path: String) throws(StoreError) {
    let (reader, walk) = try Self.open(backupFile: path)
    guard walk.isIntact else {
      let found = walk.problems.prefix(3).map(\.description).joined(separator: "; ")
      throw StoreError(
        walk.truncated ? .backupTruncated : .backupCorrupted,
        "backup \(path) is \(walk.truncated ? "truncated" : "damaged"): \(found); take or download it again")
    }
    self.init(env: reader.takeEnvironment(), path: path)
  }

  /// Checks a backup file's header and structure and opens it; the walk's report says what is
  /// damaged (the reader must then skip those databases).
  static func open(backupFile path: String) throws(StoreError) -> (BackupReader, DataFileWalk.Report) {
    let header: DataFileHeader
    do {
      header = try DataFileHeader.read(path: path, describing: "backup \(path)")
    } catch {
      throw StoreError(error.kind == .dataFileTruncated ? .backupTruncated : .backupCorrupted, error.message)
    }
    let walk = try DataFileWalk.run(path: path, header: header)
    let env = try openEnvironment(
      path, flags: UInt32(MDB_RDONLY | MDB_NOSUBDIR | MDB_NOLOCK), what: "backup \(path)")
    return (BackupReader(env: env, path: path), walk)
  }

  /// Opens a store's data folder read-only; its daemon may be running.
  convenience init(folder: String) throws(StoreError) {
    let env = try Self.openEnvironment(folder, flags: UInt32(MDB_RDONLY), what: "the data folder \(folder)")
    self.init(env: env, path: folder)
  }

  private var owned = true

  private init(env: OpaquePointer, path: String) {
    self.env = env
    self.path = path
  }

  /// Hands the environment to a new reader; this one no longer closes it.
  private func takeEnvironment() -> OpaquePointer {
    owned = false
    return env
  }

  private static func openEnvironment(_ path: String, flags: UInt32, what: String) throws(StoreError)
    -> OpaquePointer
  {
    var handle: OpaquePointer?
    try checkLMDB(mdb_env_create(&handle), "create an environment for \(what)")
    let env = handle!
    do throws(StoreError) {
      try checkLMDB(mdb_env_set_maxdbs(env, 4096), "set maxdbs for \(what)")
      try checkLMDB(mdb_env_set_maxreaders(env, 126), "set maxreaders for \(what)")
      let rc = mdb_env_open(env, path, flags, 0o440)
      if rc != 0 {
        let error = StoreError.lmdb(rc, "open \(what)")
        throw StoreError(
          .backupCorrupted, "\(what) does not open as an LMDB file: \(error.message)", code: rc)
      }
    } catch {
      mdb_env_close(env)
      throw error
    }
    return env
  }

  deinit {
    if owned { mdb_env_close(env) }
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
    var storeID: [UInt8]?
    /// Damaged records found by a checked walk, at most ``RecordCheck/limit`` of them.
    var findings: [StoreCheckFinding] = []
    /// How many damaged records a checked walk found in all.
    var findingCount = 0
    /// Records a checked walk verified.
    var recordsChecked = 0
  }

  /// Reads every named database; with `walk`, visits every entry of each to count it; with
  /// `check` too, verifies every record's checksum, every index entry's row and every change
  /// record, calling `progress` with each database's name as the walk reaches it.
  ///
  /// Databases named in `skipping` (found damaged by a page walk) are listed but never read.
  func contents(
    walk: Bool, check: Bool = false, skipping: Set<String> = [], progress: (String) -> Void = { _ in }
  ) throws(StoreError) -> Contents {
    var txn: OpaquePointer?
    var rc = mdb_txn_begin(env, nil, UInt32(MDB_RDONLY), &txn)
    if rc == MDB_MAP_RESIZED {
      // The daemon grew the map since this reader opened: adopt the new size and begin again.
      try checkLMDB(mdb_env_set_mapsize(env, 0), "adopt the map size of \(path)")
      rc = mdb_txn_begin(env, nil, UInt32(MDB_RDONLY), &txn)
    }
    try checkLMDB(rc, "read \(path)")
    defer { mdb_txn_abort(txn) }
    var main: MDB_dbi = 0
    try checkLMDB(mdb_dbi_open(txn, nil, 0, &main), "open the main database of \(path)")
    var names: [String] = []
    try forEach(txn: txn!, dbi: main) { key, _ in
      names.append(String(decoding: key, as: UTF8.self))
    }
    var contents = Contents()
    var dbis: [String: MDB_dbi] = [:]
    for name in names where !skipping.contains(name) {
      var dbi: MDB_dbi = 0
      try checkLMDB(mdb_dbi_open(txn, name, 0, &dbi), "open database \(name) of \(path)")
      dbis[name] = dbi
      if name == InternalTable.meta {
        contents.formatVersion = try Meta.read(Meta.formatVersionKey, txn: txn!, dbi: dbi) ?? 0
        contents.schemaVersion = try Meta.read(Meta.schemaVersionKey, txn: txn!, dbi: dbi) ?? 0
        contents.lastSequence = try Meta.read(Meta.lastSequenceKey, txn: txn!, dbi: dbi) ?? 0
        contents.storeID = try Meta.readBytes(Meta.storeIDKey, txn: txn!, dbi: dbi)
      }
    }
    let checker =
      check
      ? RecordCheck(txn: txn!, dbis: dbis, checksummed: contents.formatVersion >= Meta.currentFormatVersion)
      : nil
    for name in names {
      guard let dbi = dbis[name] else { continue }
      var stat = MDB_stat()
      try checkLMDB(mdb_stat(txn, dbi, &stat), "stat database \(name) of \(path)")
      var walked = stat.ms_entries
      if walk {
        if check { progress(name) }
        walked = try count(txn: txn!, dbi: dbi, name: name, checker: checker)
      }
      contents.databases[name] = DatabaseCount(recorded: stat.ms_entries, walked: walked)
    }
    guard let checker else { return contents }
    contents.findings = checker.findings
    contents.findingCount = checker.count
    contents.recordsChecked = checker.checked
    return contents
  }

  /// Walks one database, counting its entries and handing each to `checker`.
  private func count(txn: OpaquePointer, dbi: MDB_dbi, name: String, checker: RecordCheck?) throws(StoreError)
    -> Int
  {
    var walked = 0
    try forEach(txn: txn, dbi: dbi) { key, value in
      walked += 1
      checker?.check(database: name, key: key, value: value)
    }
    return walked
  }

  private func forEach(
    txn: OpaquePointer, dbi: MDB_dbi,
    _ visit: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws(StoreError) -> Void
  ) throws(StoreError) {
    var cursor: OpaquePointer?
    try checkLMDB(mdb_cursor_open(txn, dbi, &cursor), "open a cursor in \(path)")
    defer { mdb_cursor_close(cursor) }
    var key = MDB_val()
    var value = MDB_val()
    var rc = mdb_cursor_get(cursor, &key, &value, MDB_FIRST)
    while rc == 0 {
      try visit(
        UnsafeRawBufferPointer(start: key.mv_data, count: key.mv_size),
        UnsafeRawBufferPointer(start: value.mv_data, count: value.mv_size))
      rc = mdb_cursor_get(cursor, &key, &value, MDB_NEXT)
    }
    if rc != MDB_NOTFOUND {
      let error = StoreError.lmdb(rc, "walk \(path)")
      throw StoreError(.backupCorrupted, "\(path) is damaged: \(error.message)", code: rc)
    }
  }
}

/// One damaged record a check found.
public struct StoreCheckFinding: Codable, Sendable, Hashable {
  /// The database: a table, an index (`table/index`) or `_changes`.
  public var database: String
  /// The record's key, in hex.
  public var key: String
  /// What is wrong with it.
  public var problem: String
}

/// Verifies records one by one during a walk, knowing only the store's conventions: a database
/// named without `/` and `_` holds checksummed records, `table/index` holds index entries that
/// lead to rows of `table`, `_changes` holds checksummed change records.
final class RecordCheck {
  /// The most findings kept (all are counted).
  static let limit = 100

  let txn: OpaquePointer
  let dbis: [String: MDB_dbi]
  /// Whether the store's records carry checksums (store format 2 and later).
  let checksummed: Bool
  private(set) var findings: [StoreCheckFinding] = []
  private(set) var count = 0
  private(set) var checked = 0

  init(txn: OpaquePointer, dbis: [String: MDB_dbi], checksummed: Bool) {
    self.txn = txn
    self.dbis = dbis
    self.checksummed = checksummed
  }

  func check(database: String, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
    checked += 1
    if database == InternalTable.changes {
      guard checksummed else { return }
      guard key.count == 8 else { return found(database, key, "the key is not a sequence number") }
      let sequence = key.reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
      do {
        _ = try ChangeRecord.decode(sequence: sequence, bytes: value)
      } catch {
        found(database, key, error.message)
      }
      return
    }
    if database.hasPrefix("_") { return }
    if let slash = database.firstIndex(of: "/") {
      let table = String(database[..<slash])
      guard let tableDBI = dbis[table] else {
        return found(database, key, "its table \(table) does not exist")
      }
      let rowKey: [UInt8]
      if value.count > 0 {
        rowKey = Array(value)
      } else if let split = splitNonUniqueEntry(key) {
        rowKey = split.rowKey
      } else {
        return found(database, key, "the index entry is malformed")
      }
      if !rowExists(tableDBI, rowKey) {
        found(
          database, key, "the index entry leads to row \(hexKey(rowKey)) of \(table), which does not exist")
      }
      return
    }
    guard checksummed else { return }
    if case .damaged(_, let problem) = RecordEnvelope.open(value, key: Array(key)) {
      found(database, key, "the record \(problem)")
    }
  }

  private func rowExists(_ dbi: MDB_dbi, _ key: [UInt8]) -> Bool {
    var value = MDB_val()
    let rc = key.withUnsafeBytes { raw -> Int32 in
      var keyVal = MDB_val(mv_size: raw.count, mv_data: UnsafeMutableRawPointer(mutating: raw.baseAddress))
      return mdb_get(txn, dbi, &keyVal, &value)
    }
    return rc == 0
  }

  private func found(_ database: String, _ key: UnsafeRawBufferPointer, _ problem: String) {
    count += 1
    guard findings.count < Self.limit else { return }
    findings.append(StoreCheckFinding(database: database, key: hexKey(Array(key)), problem: problem))
  }
}
