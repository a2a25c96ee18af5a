import CLMDB
import Foundation
import Logging
import Synchronization

/// An open data folder: typed tables in LMDB, one writer thread with group commit, a change log.
///
/// Open it once per process with ``open(at:configuration:schema:logger:)``; share the instance
/// freely (it is `Sendable`). Reads run on the caller's thread in short read-only transactions
/// (``read(_:)``); writes run on the store's writer thread, batched with other concurrent writes
/// into one durable commit (``write(_:)``). ``close()`` drains queued writes and closes LMDB; it
/// also runs when the last reference goes away.
public final class Store: Sendable {
  /// The data folder.
  public let path: String
  /// The schema the store was opened with.
  public let schema: StoreSchema
  /// The configuration the store was opened with.
  public let configuration: StoreConfiguration
  let environment: Environment
  let writer: Writer
  let notifier: SequenceNotifier
  private let folderLock: FolderLock
  private let logger: Logger
  private let closed = Atomic<Bool>(false)
  /// Warming the pages of hot tables after open (Store+Warming.swift).
  let warmer = StoreWarmer()

  private init(
    path: String, schema: StoreSchema, configuration: StoreConfiguration, environment: Environment,
    writer: Writer, notifier: SequenceNotifier, folderLock: FolderLock, logger: Logger
  ) {
    self.path = path
    self.schema = schema
    self.configuration = configuration
    self.environment = environment
    self.writer = writer
    self.notifier = notifier
    self.folderLock = folderLock
    self.logger = logger
  }

  deinit {
    close()
  }

  /// Opens (creating if needed) the data folder at `path` and brings it to the schema's version.
  ///
  /// Takes an exclusive lock on the folder (``StoreError/Kind/folderInUse`` if another process
  /// holds it), opens LMDB with MDB_NOTLS, clears stale reader slots, creates missing tables and
  /// indexes, refuses data newer than this code (``StoreError/Kind/versionTooNew``), runs pending
  /// migrations on the calling thread, then starts the writer thread. Blocking: call it at start-up.
  public static func open(
    at path: String,
    configuration: StoreConfiguration = StoreConfiguration(),
    schema: StoreSchema,
    logger: Logger
  ) throws -> Store {
    try open(at: path, configuration: configuration, schema: schema, logger: logger, flushHook: nil)
  }

  /// ``open(at:configuration:schema:logger:)`` with every flush of committed batches going through
  /// `flushHook` (given the real flush to call, or not): tests observe and hold back flushes there.
  static func open(
    at path: String, configuration: StoreConfiguration, schema: StoreSchema, logger: Logger,
    flushHook: FlushHook?
  ) throws -> Store {
    try configuration.validate()
    try schema.validate()
    try createFolder(path)
    let lock = try FolderLock.acquire(folder: path)
    var envHandle: OpaquePointer?
    do {
      let identity = try OpeningChecks.beforeMapping(
        folder: path, identity: try StoreIdentity.load(folder: path), configuration: configuration,
        logger: logger)
      try checkLMDB(mdb_env_create(&envHandle), "create an LMDB environment")
      let env = envHandle!
      let names = [InternalTable.meta, InternalTable.changes] + schema.tables.flatMap(\.databaseNames)
      try checkLMDB(
        mdb_env_set_maxdbs(env, MDB_dbi(max(configuration.maxTables, names.count))), "set maxTables")
      try checkLMDB(mdb_env_set_maxreaders(env, UInt32(configuration.maxReaders)), "set maxReaders")
      try checkLMDB(mdb_env_set_mapsize(env, configuration.mapSize), "set mapSize")
      var flags = UInt32(MDB_NOTLS)
      // Durable: a commit flushes its data pages, and its meta page is flushed by the writer's
      // flusher (or the next commit) before the batch is answered (see CommitFlusher).
      flags |= UInt32(configuration.durability == .noSync ? MDB_NOSYNC : MDB_NOMETASYNC)
      try checkLMDB(mdb_env_open(env, path, flags, 0o640), "open the LMDB environment in \(path)")
      var dead: Int32 = 0
      _ = mdb_reader_check(env, &dead)

      let databases = try openDatabases(env, names: names, maxMapSize: configuration.maxMapSize)
      let environment = Environment(
        handle: env, databases: databases, path: path, configuration: configuration, logger: logger)
      envHandle = nil  // owned by `environment` from here on
      do {
        let (last, storeID) = try prepare(environment, schema: schema, logger: logger)
        if configuration.durability == .durable {
          // What opening wrote (migrations, versions, the id) is on disk before anything says so.
          try checkLMDB(mdb_env_sync(env, 1), "flush the opened store to disk")
        }
        let keeper = try OpeningChecks.reconcileIdentity(
          identity, storeID: storeID, lastSequence: last, folder: path, logger: logger)
        let notifier = SequenceNotifier(last: last)
        let realSync = DiskSync.lmdb(environment)
        let diskSync = flushHook.map { hook in DiskSync { hook(realSync.flush) } } ?? realSync
        let writer = Writer(
          environment: environment, configuration: configuration, lastSequence: last, notifier: notifier,
          identity: keeper, diskSync: diskSync, logger: logger)
        writer.start()
        logger.info(
          "store opened",
          metadata: [
            "path": "\(path)", "schemaVersion": "\(schema.version)", "lastSequence": "\(last)",
            "store": "\(keeper.storeID)",
          ])
        return Store(
          path: path, schema: schema, configuration: configuration, environment: environment, writer: writer,
          notifier: notifier, folderLock: lock, logger: logger)
      } catch {
        environment.close()
        throw error
      }
    } catch {
      if let envHandle { mdb_env_close(envHandle) }
      lock.release()
      throw error
    }
  }

  /// Closes the store: refuses new writes, commits the queued ones, waits for reads, closes LMDB,
  /// wakes change waiters with ``StoreError/Kind/closed`` and releases the folder. Idempotent.
  ///
  /// Calling it inside a read or write closure of this store is a programming error (it would
  /// wait for itself) and stops the process with a message saying so.
  public func close() {
    precondition(
      !environment.mapLock.isHeldSharedByCurrentThread,
      "Store.close() was called inside a read closure; close the store outside its transactions")
    guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
    writer.stopAndDrain()
    writer.flusher.drain()
    writer.recordIdentity()
    notifier.close()
    environment.close()
    folderLock.release()
    logger.info("store closed", metadata: ["path": "\(path)"])
  }

  // MARK: Transactions

  /// Runs `body` in a read-only transaction on the calling thread and returns its result.
  ///
  /// The transaction sees one committed state for its whole life. Keep it short: it pins that
  /// state (LMDB cannot reuse pages freed after it began) and holds off map growth. The closure
  /// cannot `await`, and the transaction is unusable once it returns; copy out what you need
  /// (the table methods already return copies).
  public func read<T>(_ body: (ReadTransaction) throws -> T) throws -> T {
    try environment.withReadTransaction { handle in
      let transaction = ReadTransaction(handle: handle, environment: environment)
      defer { transaction.end() }
      return try body(transaction)
    }
  }

  /// Runs `body` on the writer thread in a write transaction and returns once it is durable.
  ///
  /// Concurrent calls are batched into one LMDB transaction and one flush (group commit); the
  /// caller resumes once the batch's meta page is flushed too, by the flusher's thread or by the
  /// next commit (``lastSequence`` covers the change by then). Readers may see a batch from the
  /// moment it commits, up to one flush before it is durable and answered. If a
  /// body throws, the batch is rolled back and run again with each body in a nested transaction
  /// of its own, so the throwing body rolls back its own changes only and its error is rethrown
  /// here while the others commit. The caller resumes after the batch commit
  /// returned: a returned value means the change survives a crash. If the commit itself fails
  /// (for example a full disk, ``StoreError/Kind/diskFull``) every request of the batch gets that
  /// error and nothing of it is visible. The body may run more than once (when the map has to grow
  /// mid-batch, or a neighbour in the batch threw, its first run is rolled back), so it must have
  /// no effects outside the transaction and should compute the same changes each time.
  /// A write is not cancellable once submitted.
  @discardableResult
  public func write<T: Sendable>(_ body: @escaping @Sendable (WriteTransaction) throws -> T) async throws -> T
  {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
      let request = WriteRequest(body: body, continuation: continuation)
      do {
        try writer.submit(request)
      } catch {
        continuation.resume(throwing: error)
      }
    }
  }

  // MARK: Change log

  /// The sequence number of the last durable change (0 before the first): a change is counted
  /// here once it is on disk, before its writer resumes.
  public var lastSequence: UInt64 { notifier.last }

  /// Change records with sequence greater than `sequence`, in order, at most `limit` of them.
  public func changes(after sequence: UInt64, limit: Int) throws -> [ChangeRecord] {
    try read { try changes(after: sequence, limit: limit, in: $0) }
  }

  /// Change records with sequence greater than `sequence` as seen by `transaction`.
  ///
  /// A read transaction gets the durable changes only (up to ``lastSequence``), so a feed built
  /// on the log never delivers a change a crash could still take back; a write transaction sees
  /// every committed one.
  public func changes(after sequence: UInt64, limit: Int, in transaction: ReadTransaction) throws
    -> [ChangeRecord]
  {
    var records: [ChangeRecord] = []
    let through = transaction is WriteTransaction ? UInt64.max : notifier.last
    guard limit > 0, sequence < through else { return records }
    let dbi = try transaction.database(InternalTable.changes)
    try transaction.walk(
      dbi, lower: (sequence + 1).encodedKey, upper: through == UInt64.max ? nil : (through + 1).encodedKey,
      direction: .forward, after: nil,
      table: InternalTable.changes
    ) { key, value in
      let number = key.reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
      guard key.count == 8 else {
        throw StoreError(
          .corrupted, "change log key \(hexKey(Array(key))) is not a sequence number; run simpeg-admin check",
          table: InternalTable.changes)
      }
      records.append(try ChangeRecord.decode(sequence: number, bytes: value))
      return records.count < limit
    }
    return records
  }

  /// Suspends until a change with sequence greater than `sequence` is committed; returns the
  /// last committed sequence then.
  ///
  /// Returns at once if one is committed already. Woken by the writer after the commit (no
  /// polling); throws `CancellationError` when the task is cancelled and
  /// ``StoreError/Kind/closed`` when the store closes.
  public func waitForChange(after sequence: UInt64) async throws -> UInt64 {
    try await notifier.wait(after: sequence)
  }

  /// How many write requests wait for the writer's next batch.
  public var pendingWriteCount: Int { writer.pendingCount }

  // MARK: Opening

  private static func createFolder(_ path: String) throws(StoreError) {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw StoreError(.io, "\(path) exists and is not a folder; give a data folder path")
      }
      return
    }
    do {
      try FileManager.default.createDirectory(
        atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
    } catch {
      throw StoreError(.io, "cannot create data folder \(path): \(error)")
    }
  }

  /// Opens (creating) every named database in one write transaction, growing a tiny map if needed.
  private static func openDatabases(
    _ env: OpaquePointer, names: [String], maxMapSize: Int?
  ) throws(StoreError) -> [String: MDB_dbi] {
    // Bounded: each retry doubles the map.
    for _ in 0..<64 {
      var txn: OpaquePointer?
      try checkLMDB(mdb_txn_begin(env, nil, 0, &txn), "begin the transaction that opens tables")
      var databases: [String: MDB_dbi] = [:]
      var failure: Int32 = 0
      for name in names {
        var dbi: MDB_dbi = 0
        let rc = mdb_dbi_open(txn, name, UInt32(MDB_CREATE), &dbi)
        if rc != 0 {
          failure = rc
          break
        }
        databases[name] = dbi
      }
      if failure == 0 {
        failure = mdb_txn_commit(txn)
        if failure == 0 { return databases }
      } else {
        mdb_txn_abort(txn)
      }
      guard failure == MDB_MAP_FULL else {
        throw StoreError.lmdb(failure, "open the tables (raise maxTables if the limit was hit)")
      }
      var info = MDB_envinfo()
      mdb_env_info(env, &info)
      let next = min(info.me_mapsize &* 2, maxMapSize ?? Int.max)
      guard next > info.me_mapsize else { throw StoreError.lmdb(failure, "open the tables") }
      try checkLMDB(mdb_env_set_mapsize(env, next), "grow the map")
    }
    throw StoreError(.mapFull, "could not open the tables: the map stayed full", code: MDB_MAP_FULL)
  }

  /// Checks versions, runs pending migrations and returns the last committed change sequence and
  /// the store's id (given one here if it had none).
  private static func prepare(_ environment: Environment, schema: StoreSchema, logger: Logger) throws
    -> (lastSequence: UInt64, storeID: [UInt8])
  {
    let metaDBI = try environment.database(InternalTable.meta)
    let (format, stored) = try environment.withReadTransaction { txn in
      (
        try Meta.read(Meta.formatVersionKey, txn: txn, dbi: metaDBI),
        try Meta.read(Meta.schemaVersionKey, txn: txn, dbi: metaDBI)
      )
    }
    if let format, format > Meta.currentFormatVersion {
      throw StoreError(
        .versionTooNew,
        "data folder \(environment.path) has store format \(format) but this program reads format "
          + "\(Meta.currentFormatVersion); run a newer program")
    }
    let current = stored ?? 0
    if current > schema.version {
      throw StoreError(
        .versionTooNew,
        "data folder \(environment.path) has schema version \(current) but this program knows only up to "
          + "version \(schema.version); run a newer program or restore an older backup")
    }
    var last = try environment.withReadTransaction { txn in
      try Meta.read(Meta.lastSequenceKey, txn: txn, dbi: metaDBI) ?? 0
    }
    if let format, format < Meta.currentFormatVersion {
      logger.notice(
        "migrating the store to checksummed records (store format \(format) to \(Meta.currentFormatVersion))",
        metadata: ["path": "\(environment.path)"])
      let clock = ContinuousClock()
      let started = clock.now
      var rewritten = 0
      last = try runStandalone(environment, lastSequence: last) { transaction in
        rewritten = try RecordFormatMigration.run(schema, in: transaction)
        try Meta.write(Meta.formatVersionKey, Meta.currentFormatVersion, in: transaction)
      }
      logger.notice(
        "store migrated to checksummed records",
        metadata: ["records": "\(rewritten)", "duration": "\(clock.now - started)"])
    }
    let pending = schema.migrations.filter { $0.version > current }.sorted { $0.version < $1.version }
    for migration in pending {
      logger.info(
        "running storage migration",
        metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
      let clock = ContinuousClock()
      let started = clock.now
      last = try runStandalone(environment, lastSequence: last) { transaction in
        do {
          try migration.body(
            transaction, MigrationProgress(logger: logger, version: migration.version))
        } catch let error as StoreError {
          throw error
        } catch {
          throw StoreError(
            .invalidConfiguration,
            "migration \(migration.version) (\(migration.name)) failed: \(error); the data stays at the "
              + "previous version")
        }
        try Meta.write(Meta.schemaVersionKey, migration.version, in: transaction)
        try Meta.write(Meta.formatVersionKey, Meta.currentFormatVersion, in: transaction)
      }
      logger.info(
        "storage migration committed",
        metadata: ["version": "\(migration.version)", "duration": "\(clock.now - started)"])
    }
    if format == nil || current < schema.version {
      last = try runStandalone(environment, lastSequence: last) { transaction in
        try Meta.write(Meta.schemaVersionKey, max(schema.version, current), in: transaction)
        try Meta.write(Meta.formatVersionKey, Meta.currentFormatVersion, in: transaction)
      }
    }
    var storeID = try environment.withReadTransaction { txn in
      try Meta.readBytes(Meta.storeIDKey, txn: txn, dbi: metaDBI)
    }
    if storeID?.count != 16 {
      let id = StoreIdentity.newID()
      last = try runStandalone(environment, lastSequence: last) { transaction in
        try Meta.writeBytes(Meta.storeIDKey, id, in: transaction)
      }
      storeID = id
    }
    return (last, storeID ?? [])
  }

  /// Runs one write transaction on the calling thread (before the writer starts), growing the
  /// map and retrying on MDB_MAP_FULL; returns the new last change sequence.
  private static func runStandalone(
    _ environment: Environment, lastSequence: UInt64, _ body: (WriteTransaction) throws -> Void
  ) throws -> UInt64 {
    for _ in 0..<64 {
      let txn = try environment.beginWrite(parent: nil)
      let batch = BatchContext(nextSequence: lastSequence + 1)
      let transaction = WriteTransaction(handle: txn, environment: environment, batch: batch)
      do {
        try body(transaction)
        try batch.saveStates(handle: txn, environment: environment)
        let last = batch.nextSequence - 1
        if last != lastSequence {
          try Meta.write(Meta.lastSequenceKey, last, in: transaction)
        }
        transaction.end()
        let rc = mdb_txn_commit(txn)
        if rc == MDB_MAP_FULL {
          try environment.growMap()
          continue
        }
        if rc != 0 { throw StoreError.commitFailure(rc, "commit a migration", path: environment.path) }
        return last
      } catch {
        transaction.end()
        mdb_txn_abort(txn)
        if batch.mapFull {
          try environment.growMap()
          continue
        }
        throw error
      }
    }
    throw StoreError(.mapFull, "a migration could not fit in the map", code: MDB_MAP_FULL)
  }
}
