import CLMDB
import Logging
import NIOConcurrencyHelpers
import Synchronization

/// The names of the store's own LMDB databases; user tables may not start with an underscore.
enum InternalTable {
  /// Schema version, store format version and the last committed change sequence.
  static let meta = "_meta"
  /// The change log: sequence number (big-endian UInt64) to change record.
  static let changes = "_changes"
}

/// A raw LMDB transaction handle that may move between threads.
///
/// Sendable because the store opens its environment with MDB_NOTLS: a read-only transaction that
/// has been reset is not tied to the thread that created it and may be renewed on any thread. Only
/// reset read handles are ever pooled and passed around; the pool hands each to one user at a time.
struct PooledReader: @unchecked Sendable {
  let handle: OpaquePointer
}

/// An open LMDB environment with its named databases, its map lock, its reader pool and its
/// running backups.
///
/// This wrapper is shared by the store, every transaction and the writer thread.
final class Environment: @unchecked Sendable {
  // Safe to share: LMDB's environment handle may be used from many threads (MDB_NOTLS; the
  // functions called on it concurrently are the thread-safe ones: txn_begin/renew, stat, info,
  // reader_check, copyfd2). The two calls that are not safe while others run,
  // `mdb_env_set_mapsize` and `mdb_env_close`, run only under `mapLock` held exclusively, which
  // every transaction holds shared. `databases` is fixed before the environment is shared; the
  // reader pool is behind a lock; the backup registry is thread-safe.
  let handle: OpaquePointer
  let mapLock = MapLock()
  let databases: [String: MDB_dbi]
  let path: String
  let maxMapSize: Int?
  /// The copies (backups) running now.
  let backups = BackupRegistry()
  /// How long map growth waits for running backups before abandoning them.
  let growthPatience: Duration
  private let readerPool = NIOLockedValueBox<[PooledReader]>([])
  private let readerPoolLimit: Int
  private let closed = Atomic<Bool>(false)
  private let logger: Logger

  init(
    handle: OpaquePointer, databases: [String: MDB_dbi], path: String, configuration: StoreConfiguration,
    logger: Logger
  ) {
    self.handle = handle
    self.databases = databases
    self.path = path
    self.maxMapSize = configuration.maxMapSize
    self.growthPatience = configuration.growthPatience
    self.readerPoolLimit = max(1, configuration.maxReaders - 4)
    self.logger = logger
  }

  /// Whether the environment has been closed (or is closing).
  var isClosed: Bool { closed.load(ordering: .acquiring) }

  /// The database handle for a table or index name.
  func database(_ name: String) throws(StoreError) -> MDB_dbi {
    guard let dbi = databases[name] else {
      throw StoreError(
        .unknownTable, "table \(name) is not declared in the store's schema; add it to StoreSchema",
        table: name)
    }
    return dbi
  }

  // MARK: Reads

  /// Runs `body` in a read-only transaction that holds the map lock shared.
  func withReadTransaction<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
    try mapLock.withShared {
      guard !isClosed else { throw StoreError(.closed, "the store at \(path) is closed") }
      let reader = try acquireReader()
      defer { releaseReader(reader) }
      return try body(reader.handle)
    }
  }

  private func acquireReader() throws(StoreError) -> PooledReader {
    if let pooled = readerPool.withLockedValue({ $0.popLast() }) {
      let rc = mdb_txn_renew(pooled.handle)
      if rc == 0 { return pooled }
      mdb_txn_abort(pooled.handle)
    }
    var txn: OpaquePointer?
    try checkLMDB(mdb_txn_begin(handle, nil, UInt32(MDB_RDONLY), &txn), "begin read transaction")
    return PooledReader(handle: txn!)
  }

  private func releaseReader(_ reader: PooledReader) {
    mdb_txn_reset(reader.handle)
    let kept = readerPool.withLockedValue { pool in
      guard pool.count < readerPoolLimit else { return false }
      pool.append(reader)
      return true
    }
    if !kept {
      mdb_txn_abort(reader.handle)
    }
  }

  // MARK: Writes

  /// Begins a write transaction (top-level when `parent` is nil), adopting a map grown elsewhere.
  func beginWrite(parent: OpaquePointer?) throws(StoreError) -> OpaquePointer {
    var txn: OpaquePointer?
    var rc = mdb_txn_begin(handle, parent, 0, &txn)
    if rc == MDB_MAP_RESIZED && parent == nil {
      rc = exclusively { mdb_env_set_mapsize(handle, 0) }
      try checkLMDB(rc, "adopt the map size set by another process")
      rc = mdb_txn_begin(handle, parent, 0, &txn)
    }
    try checkLMDB(rc, parent == nil ? "begin write transaction" : "begin nested write transaction")
    return txn!
  }

  /// Runs `body` with no transaction open in the process, abandoning running backups that keep
  /// it waiting longer than ``growthPatience`` (or at once when `patience` is zero).
  private func exclusively<T>(patience: Duration? = nil, _ body: () throws -> T) rethrows -> T {
    let patience = patience ?? growthPatience
    return try mapLock.withExclusive(
      whileWaiting: { _, waited in
        guard waited >= patience else { return }
        let told = backups.abandonAll(
          "the store's map had to grow and a backup was holding it; run the backup again")
        if told > 0 {
          logger.warning(
            "abandoned running backups so the store's map can grow",
            metadata: ["path": "\(path)", "backups": "\(told)", "waited": "\(waited)"])
        }
      }, body)
  }

  /// Whether the map is more than half used and nothing would keep a resize waiting long: then
  /// growing now, between batches, saves a growth later that might have to abandon a backup.
  var shouldGrowAhead: Bool {
    let info = info()
    let used = (info.me_last_pgno + 1) &* pageSize()
    if let cap = maxMapSize, info.me_mapsize >= cap { return false }
    return used > info.me_mapsize / 2 && mapLock.longHolderCount == 0
  }

  /// Doubles the map (up to ``StoreConfiguration/maxMapSize``) with no transaction open anywhere.
  ///
  /// Readers never wait for this wait (see ``MapLock``); running backups that keep it waiting
  /// longer than ``growthPatience`` are abandoned. Must be called with no write transaction open,
  /// from the thread that runs writes.
  func growMap() throws(StoreError) {
    let current = info().me_mapsize
    var next = current &* 2
    if next < current { next = Int.max }
    if let cap = maxMapSize {
      guard current < cap else {
        throw StoreError(
          .mapFull,
          "the map of \(path) is full at its cap of \(cap) bytes; raise maxMapSize or free space",
          code: MDB_MAP_FULL)
      }
      next = min(next, cap)
    }
    let rc = exclusively { mdb_env_set_mapsize(handle, next) }
    try checkLMDB(rc, "grow the map of \(path) from \(current) to \(next) bytes")
    logger.info(
      "storage map grown", metadata: ["path": "\(path)", "from": "\(current)", "to": "\(next)"])
  }

  /// LMDB's environment information (map size, last page, readers).
  func info() -> MDB_envinfo {
    var info = MDB_envinfo()
    mdb_env_info(handle, &info)
    return info
  }

  /// LMDB's page size for this environment.
  func pageSize() -> Int {
    var stat = MDB_stat()
    mdb_env_stat(handle, &stat)
    return Int(stat.ms_psize)
  }

  /// How many reader slots hold a live owner (any process; this one's idle pooled readers too).
  func readerSlotsInUse() -> Int {
    let counter = UnsafeMutablePointer<Int>.allocate(capacity: 1)
    defer { counter.deallocate() }
    counter.pointee = 0
    _ = mdb_reader_list(
      handle,
      { message, context in
        // One call per line: a header, then one line per slot in use, or "(no active readers)".
        guard let message, let context else { return 0 }
        let line = String(cString: message)
        if line.first(where: { $0 != " " })?.isNumber == true {
          context.assumingMemoryBound(to: Int.self).pointee += 1
        }
        return 0
      }, counter)
    return counter.pointee
  }

  /// Clears reader slots left behind by dead processes; returns how many were cleared.
  @discardableResult
  func checkReaders() -> Int {
    var dead: Int32 = 0
    let rc = mdb_reader_check(handle, &dead)
    if rc != 0 {
      logger.warning("mdb_reader_check failed", metadata: ["code": "\(rc)"])
    } else if dead > 0 {
      logger.notice("cleared stale reader slots", metadata: ["count": "\(dead)"])
    }
    return Int(dead)
  }

  /// Closes the environment once every read has ended, abandoning running backups at once;
  /// later reads fail with ``StoreError/Kind/closed``.
  func close() {
    guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
    backups.abandonAll("the store is closing; run the backup again once it is back")
    exclusively(patience: .zero) {
      let pooled = readerPool.withLockedValue { pool in
        defer { pool.removeAll() }
        return pool
      }
      for reader in pooled {
        mdb_txn_abort(reader.handle)
      }
      mdb_env_close(handle)
    }
  }
}
